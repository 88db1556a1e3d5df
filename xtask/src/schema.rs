//! `cargo xtask schema`: write `schema/vook.schema.json`, the JSON Schema of the spec format.

/// The JSON Schema file's contents: pretty JSON and a trailing newline.
pub(crate) fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&vook_schema::json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

pub(crate) fn run(_args: &[String]) -> Result<(), String> {
    let path = crate::workspace_root().join("schema/vook.schema.json");
    std::fs::write(&path, schema_json()).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote schema/vook.schema.json");
    Ok(())
}
