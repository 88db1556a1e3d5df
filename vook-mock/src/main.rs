//! `vook-mock --spec PATH [--port N] [--key KEY]`: serves a spec on 127.0.0.1
//! until interrupted (Ctrl-C), printing the base URL and the accepted key.

use std::process::ExitCode;

use vook_mock::MockServer;

const USAGE: &str = "usage: vook-mock --spec PATH [--port N] [--key KEY]";

struct Args {
    spec: String,
    port: u16,
    key: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut spec, mut port, mut key) = (None, 0, None);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--spec" => spec = Some(value("--spec")?),
            "--port" => {
                let v = value("--port")?;
                port = v
                    .parse()
                    .map_err(|_| format!("--port: `{v}` is not a port number"))?;
            }
            "--key" => key = Some(value("--key")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Args {
        spec: spec.ok_or("--spec is required")?,
        port,
        key,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("vook-mock: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let api = match vook_schema::load_path(&args.spec) {
        Ok(api) => api,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let mut builder = MockServer::builder(api).port(args.port);
    if let Some(key) = args.key {
        builder = builder.api_key(key);
    }
    let server = match builder.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("vook-mock: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    println!(
        "vook-mock serving `{}` ({} endpoints)",
        server.api().name,
        server.api().endpoints.len()
    );
    println!("base URL: {}", server.base_url());
    if let Some(env) = server.api().auth_env() {
        println!(
            "API key:  {}   (e.g. export {env}={})",
            server.api_key(),
            server.api_key()
        );
    }
    println!("Ctrl-C to stop");
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}
