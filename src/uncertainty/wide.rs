//! Work compiled for the CPU's wider vector units, chosen at run time.
//!
//! The Monte Carlo's inner loops are written once, as plain Rust over
//! fixed-size arrays, and compiled three times: for what every x86-64 CPU
//! has (SSE2), for AVX2 and for AVX-512. [`Isa::detect`] picks the best the
//! CPU has and [`Isa::run`] runs a piece of [`Wide`] work with it. Vector
//! instructions are IEEE arithmetic lane by lane, and Rust never fuses a
//! multiply and an add, so every choice gives the same numbers; the tests
//! hold each to the plain build bit for bit.
//!
//! This is the one module with `unsafe`: calling a `target_feature`
//! function is unsafe because the CPU must have the feature, which is
//! checked on every call (a cached flag), whatever `Isa` value asked.

// `#[inline(always)]` is how a piece of work reaches the `target_feature`
// functions: a call that is not inlined runs without the wider units.
#![allow(clippy::inline_always)]

/// Work to compile for each instruction set. An implementation's
/// [`Wide::run`] must be `#[inline(always)]`, and so must everything it
/// calls that should use the wider units (a closure's body is a function of
/// its own, compiled for the baseline unless the compiler happens to inline
/// it).
pub trait Wide {
    type Output;

    fn run(self) -> Self::Output;
}

/// The vector instructions a kernel uses; every choice gives the same numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    /// What every CPU of the target has (SSE2 on x86-64).
    Plain,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Isa {
    /// The best this CPU has.
    #[must_use]
    pub fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("avx512vl")
            {
                return Isa::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Isa::Avx2;
            }
        }
        Isa::Plain
    }

    /// Every choice this CPU can run.
    #[must_use]
    pub fn available() -> Vec<Self> {
        let best = Self::detect();
        let mut all = vec![Isa::Plain];
        #[cfg(target_arch = "x86_64")]
        {
            if matches!(best, Isa::Avx2 | Isa::Avx512) {
                all.push(Isa::Avx2);
            }
            if best == Isa::Avx512 {
                all.push(Isa::Avx512);
            }
        }
        all
    }
}

impl Isa {
    /// Runs `work` compiled for these instructions.
    #[inline]
    pub fn run<W: Wide>(self, work: W) -> W::Output {
        match self {
            Isa::Plain => work.run(),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => simd::avx2(work),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => simd::avx512(work),
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod simd {
    use super::Wide;

    #[target_feature(enable = "avx2")]
    fn avx2_body<W: Wide>(work: W) -> W::Output {
        work.run()
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl")]
    fn avx512_body<W: Wide>(work: W) -> W::Output {
        work.run()
    }

    // The checks are cached by the standard library (an atomic load), so
    // an `Isa` value the CPU cannot run falls back to plain code instead of
    // being undefined behaviour, at no measurable cost.

    pub(super) fn avx2<W: Wide>(work: W) -> W::Output {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above: the one
            // requirement of a `target_feature` function.
            unsafe { avx2_body(work) }
        } else {
            work.run()
        }
    }

    pub(super) fn avx512<W: Wide>(work: W) -> W::Output {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
        {
            // SAFETY: the CPU has AVX-512 F, DQ and VL, checked just above.
            unsafe { avx512_body(work) }
        } else {
            work.run()
        }
    }
}
