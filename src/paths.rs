//! Paths as people write them, on every system.
//!
//! Windows gives back `\\?\C:\Users\…` from `canonicalize`; nobody writes
//! paths that way, and a preferences file full of them cannot be read by eye.
//! Windows shells also leave `scenarios\*.ron` for the program to expand,
//! where Unix shells expand it themselves.

use std::path::{Path, PathBuf};

/// The absolute form of `path` with links resolved, as a person would write
/// it: on Windows without the `\\?\` prefix wherever the plain form means the
/// same file. A path that cannot be resolved (it does not exist yet) is
/// returned as given.
#[must_use]
pub fn canonical(path: &Path) -> PathBuf {
    match std::fs::canonicalize(path) {
        Ok(full) => plain(&full),
        Err(_) => path.to_path_buf(),
    }
}

/// `\\?\C:\a\b` → `C:\a\b` and `\\?\UNC\server\share\a` → `\\server\share\a`,
/// when the plain form names the same file (short enough, no reserved or
/// trailing-dot names); anything else unchanged.
#[must_use]
pub fn plain(path: &Path) -> PathBuf {
    match path.to_str().and_then(plain_str) {
        Some(s) => PathBuf::from(s),
        None => path.to_path_buf(),
    }
}

/// Windows' limit on a path given without the `\\?\` prefix.
const MAX_PATH: usize = 260;

fn plain_str(s: &str) -> Option<String> {
    let (rest, plain) = if let Some(rest) = s.strip_prefix(r"\\?\UNC\") {
        (rest, format!(r"\\{rest}"))
    } else if let Some(rest) = s.strip_prefix(r"\\?\") {
        let drive = rest.as_bytes();
        let is_drive = drive.len() >= 2 && drive[0].is_ascii_alphabetic() && drive[1] == b':';
        if !is_drive {
            return None; // a volume GUID or device path has no plain form
        }
        (rest, rest.to_owned())
    } else {
        return None;
    };
    // The plain form is parsed by Windows' old rules: it must stay short and
    // must not contain names those rules change.
    if plain.len() >= MAX_PATH || rest.contains('/') {
        return None;
    }
    let reserved = |name: &str| {
        let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
        matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit())
    };
    let awkward = rest
        .split('\\')
        .skip(1)
        .any(|c| c.ends_with('.') || c.ends_with(' ') || reserved(c));
    if awkward { None } else { Some(plain) }
}

/// Expands `*` and `?` in the file-name part of each argument that does not
/// name an existing file as it stands, as a Unix shell would have: matches
/// in name order, hidden files only for a pattern that starts with `.`,
/// letters compared without case on Windows. A pattern that matches nothing
/// is an error naming it.
pub fn expand_wildcards(args: Vec<PathBuf>) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::with_capacity(args.len());
    for arg in args {
        let text = arg.to_string_lossy();
        if !(text.contains('*') || text.contains('?')) || arg.exists() {
            out.push(arg);
            continue;
        }
        let Some(pattern) = arg.file_name().and_then(|n| n.to_str()) else {
            out.push(arg);
            continue;
        };
        let folder = match arg.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let folder_text = folder.to_string_lossy();
        if folder_text.contains('*') || folder_text.contains('?') {
            return Err(format!(
                "wildcards are expanded only in the file name, not in folder names: `{text}`; \
                 name the folder in full"
            ));
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| format!("cannot list the folder of `{text}`: {e}"))?
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                (pattern.starts_with('.') || !name.starts_with('.'))
                    && wildcard_match(pattern, &name, cfg!(windows))
                    && entry.path().is_file()
            })
            .map(|entry| match arg.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.join(entry.file_name()),
                _ => PathBuf::from(entry.file_name()),
            })
            .collect();
        if found.is_empty() {
            return Err(format!(
                "no file matches `{text}`; check the folder and the pattern"
            ));
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// `*` any run of characters, `?` one character; everything else literal.
fn wildcard_match(pattern: &str, name: &str, ignore_case: bool) -> bool {
    let fold = |s: &str| -> Vec<char> {
        if ignore_case {
            s.chars().flat_map(char::to_lowercase).collect()
        } else {
            s.chars().collect()
        }
    };
    let (p, n) = (fold(pattern), fold(name));
    // Iterative matching with one backtrack point: linear in practice, never
    // exponential, whatever the number of stars.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// A path for messages: as given, with Windows' `\\?\` prefix dropped.
#[must_use]
pub fn shown(path: &Path) -> String {
    plain(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_prefixes_are_dropped_where_the_plain_path_means_the_same() {
        let p = |s: &str| plain(Path::new(s)).to_string_lossy().into_owned();
        assert_eq!(
            p(r"\\?\C:\Users\ana\option.ron"),
            r"C:\Users\ana\option.ron"
        );
        assert_eq!(p(r"\\?\Z:\tmp\moj.ron"), r"Z:\tmp\moj.ron");
        assert_eq!(
            p(r"\\?\UNC\fileserver\team\moj.ron"),
            r"\\fileserver\team\moj.ron"
        );
        // Names the old rules would change keep the prefix.
        assert_eq!(p(r"\\?\C:\a\CON.ron"), r"\\?\C:\a\CON.ron");
        assert_eq!(p(r"\\?\C:\a\com1"), r"\\?\C:\a\com1");
        assert_eq!(p(r"\\?\C:\a\trailing."), r"\\?\C:\a\trailing.");
        assert_eq!(p(r"\\?\Volume{1234}\a"), r"\\?\Volume{1234}\a");
        let long = format!(r"\\?\C:\{}", "a".repeat(300));
        assert_eq!(p(&long), long);
        // Ordinary paths are untouched.
        assert_eq!(p("/home/ana/option.ron"), "/home/ana/option.ron");
        assert_eq!(p(r"C:\a\b.ron"), r"C:\a\b.ron");
        assert_eq!(p(r"\\server\share\b.ron"), r"\\server\share\b.ron");
    }

    #[test]
    fn wildcards_match_as_a_shell_would() {
        assert!(wildcard_match("*.ron", "moj.ron", false));
        assert!(!wildcard_match("*.ron", "moj.ron.bak", false));
        assert!(wildcard_match("m?j*.ron", "moj-back-office.ron", false));
        assert!(!wildcard_match("m?j.ron", "mj.ron", false));
        assert!(wildcard_match("*", "", false));
        assert!(wildcard_match("a*b*c", "axxbyyc", false));
        assert!(!wildcard_match("a*b*c", "axxbyy", false));
        assert!(!wildcard_match("*.RON", "moj.ron", false));
        assert!(wildcard_match("*.RON", "moj.ron", true));
        // Many stars never take exponential time.
        let name = "a".repeat(200);
        assert!(!wildcard_match(
            &format!("{}b", "*a".repeat(50)),
            &name,
            false
        ));
    }

    #[test]
    fn expanding_lists_matching_files_in_order_and_names_an_empty_pattern() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["b.ron", "a.ron", "c.txt", ".hidden.ron"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("folder.ron")).expect("mkdir");
        let got = expand_wildcards(vec![dir.path().join("*.ron")]).expect("matches");
        assert_eq!(
            got,
            vec![dir.path().join("a.ron"), dir.path().join("b.ron")]
        );
        let literal = dir.path().join("c.txt");
        assert_eq!(
            expand_wildcards(vec![literal.clone()]).expect("literal"),
            vec![literal]
        );
        let none = dir.path().join("*.xlsx");
        let e = expand_wildcards(vec![none.clone()]).expect_err("nothing matches");
        assert_eq!(
            e,
            format!(
                "no file matches `{}`; check the folder and the pattern",
                none.display()
            )
        );
        let in_folder = dir.path().join("*").join("a.ron");
        assert!(
            expand_wildcards(vec![in_folder])
                .expect_err("folder wildcard")
                .contains("only in the file name")
        );
    }
}
