//! `cargo xtask schema [--check]`: write `schema/vook.schema.json`, the JSON
//! Schema of the spec format, derived from `vook_schema::document` with
//! schemars; with `--check`, fail if the checked-in file is stale.

use crate::workspace_root;

/// Where the schema lives, relative to the workspace root.
const PATH: &str = "schema/vook.schema.json";

/// The JSON Schema file's contents: pretty JSON and a trailing newline.
pub(crate) fn schema_json() -> String {
    vook_schema::json_schema_text()
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [a] if a == "--check" => true,
        _ => return Err("usage: cargo xtask schema [--check]".into()),
    };
    let path = workspace_root().join(PATH);
    let want = schema_json();
    let current = std::fs::read_to_string(&path).ok();
    if check {
        return match current {
            Some(c) if c == want => {
                println!("{PATH} is up to date");
                Ok(())
            }
            Some(_) => Err(format!(
                "error: {PATH} is stale: it differs from the schema of the format\nfix: run `cargo xtask schema` and commit the result"
            )),
            None => Err(format!(
                "error: {PATH} is missing\nfix: run `cargo xtask schema` and commit the result"
            )),
        };
    }
    if current.as_deref() == Some(want.as_str()) {
        println!("{PATH} is up to date");
        return Ok(());
    }
    std::fs::write(&path, want).map_err(|e| format!("error: cannot write {PATH}: {e}"))?;
    println!("wrote {PATH}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_json_is_pretty_with_a_trailing_newline() {
        let s = schema_json();
        assert!(
            s.starts_with("{\n  \""),
            "pretty-printed object: {}",
            &s[..20.min(s.len())]
        );
        assert!(s.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(v["title"], "vook spec");
    }
}
