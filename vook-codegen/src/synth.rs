//! Synthetic specs of any size, for benchmarks (`cargo xtask synth`, the
//! codegen bench, `cargo xtask bench-compile`): `endpoints` endpoints in CRUD
//! groups of five over `endpoints / 5` resources, `codes` error codes.

use std::fmt::Write;

/// A valid spec with `endpoints` endpoints (rounded up to a multiple of 5) and
/// `codes` error codes (at least 5). Every endpoint returns the 4 common codes
/// plus one more, so its error enum has 5 codes and `Unknown`.
///
/// ```
/// let yaml = vook_codegen::synth::spec(10, 8);
/// let api = vook_schema::load_str("synth.yaml", &yaml).expect("valid");
/// assert_eq!(api.endpoints.len(), 10);
/// assert_eq!(api.errors.len(), 8);
/// ```
pub fn spec(endpoints: usize, codes: usize) -> String {
    let codes = codes.max(5);
    let resources = endpoints.div_ceil(5).max(1);
    let mut y = String::new();
    let _ = writeln!(
        y,
        "vook: 1\napi:\n  name: synth\n  title: Synthetic API\n  base_url: https://api.synth.test/v1"
    );
    let _ = writeln!(
        y,
        "  auth: {{ scheme: bearer, env: SYNTH_API_KEY }}\n  request_id_header: X-Request-ID"
    );
    let _ = writeln!(
        y,
        "  rate_limit_headers: {{ limit: X-RateLimit-Limit, remaining: X-RateLimit-Remaining, reset: X-RateLimit-Reset }}"
    );
    let _ = writeln!(y, "errors:");
    let common = ["unauthorized", "forbidden", "rate_limited", "server_error"];
    let common_status = [
        (401, "never"),
        (403, "never"),
        (429, "throttle"),
        (500, "backoff"),
    ];
    for (name, (status, retry)) in common.iter().zip(common_status) {
        let _ = writeln!(
            y,
            "  {name}: {{ status: {status}, retry: {retry}, summary: The {name} error., fix: Handle {name}. }}"
        );
    }
    for i in 0..codes - 4 {
        const STATUSES: [u16; 7] = [400, 404, 409, 410, 422, 502, 503];
        let status = STATUSES.get(i % STATUSES.len()).copied().unwrap_or(400);
        let _ = writeln!(
            y,
            "  code_{i}: {{ status: {status}, summary: Synthetic code {i}., fix: Fix the cause of code {i}. }}"
        );
    }
    let _ = writeln!(y, "error_sets:\n  common: [{}]", common.join(", "));
    let _ = writeln!(y, "types:");
    for r in 0..resources {
        let _ = writeln!(
            y,
            "  Res{r}:\n    fields: {{ id: string, name: string, size: integer, tags: \"[string]\", note: string?, created_at: datetime }}"
        );
        let _ = writeln!(
            y,
            "  Res{r}Input:\n    fields: {{ name: string, size: integer?, tags: \"[string]?\" }}"
        );
        let _ = writeln!(
            y,
            "  Res{r}Page:\n    fields: {{ items: \"[Res{r}]\", next_cursor: string? }}"
        );
    }
    let _ = writeln!(y, "endpoints:");
    let mut n = 0;
    'outer: for r in 0..resources {
        let ops = [
            format!(
                "  create_res{r}: {{ method: POST, path: /res{r}, body: Res{r}Input, response: Res{r}, status: 201"
            ),
            format!(
                "  get_res{r}: {{ method: GET, path: \"/res{r}/{{id}}\", path_params: {{ id: string }}, response: Res{r}"
            ),
            format!(
                "  list_res{r}: {{ method: GET, path: /res{r}, query: {{ limit: integer?, cursor: string? }}, response: Res{r}Page"
            ),
            format!(
                "  update_res{r}: {{ method: PATCH, path: \"/res{r}/{{id}}\", path_params: {{ id: string }}, body: Res{r}Input, response: Res{r}"
            ),
            format!(
                "  delete_res{r}: {{ method: DELETE, path: \"/res{r}/{{id}}\", path_params: {{ id: string }}, response: none"
            ),
        ];
        for op in ops {
            if n == endpoints {
                break 'outer;
            }
            let extra = n % (codes - 4);
            let _ = writeln!(
                y,
                "{op}, summary: Synthetic operation {n}., errors: [common, code_{extra}] }}"
            );
            n += 1;
        }
    }
    y
}
