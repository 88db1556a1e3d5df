//! A tracing layer that prints one line per attempt of a vook call, from the
//! runtime's `vook.call` / `vook.attempt` spans: what a user would see with
//! their own subscriber.

use std::collections::BTreeMap;
use std::fmt::Debug;

use tracing::Subscriber;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

/// The fields recorded on one span so far.
#[derive(Default)]
struct Fields(BTreeMap<&'static str, String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name(), value.to_owned());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name(), value.to_string());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name(), value.to_string());
    }
}

/// Prints each finished `vook.attempt` span as one line.
pub(crate) struct AttemptPrinter;

impl<S> Layer<S> for AttemptPrinter
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            let mut fields = Fields::default();
            attrs.record(&mut fields);
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(fields) = span.extensions_mut().get_mut::<Fields>()
        {
            values.record(fields);
        }
    }

    /// The runtime's "giving up" event carries the reason; keep it on its attempt span.
    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let Some(reason) = fields.0.remove("reason") else {
            return;
        };
        let span = event
            .parent()
            .and_then(|id| ctx.span(id))
            .or_else(|| ctx.lookup_current());
        if let Some(span) = span.filter(|s| s.name() == "vook.attempt")
            && let Some(f) = span.extensions_mut().get_mut::<Fields>()
        {
            f.0.insert("reason", reason);
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        if span.name() != "vook.attempt" {
            return;
        }
        let ext = span.extensions();
        let Some(f) = ext.get::<Fields>() else { return };
        let operation = span
            .parent()
            .and_then(|p| {
                p.extensions()
                    .get::<Fields>()
                    .and_then(|pf| pf.0.get("operation").cloned())
            })
            .unwrap_or_default();
        let get = |k: &str| f.0.get(k).cloned().unwrap_or_default();
        let next = match f.0.get("delay_ms") {
            Some(ms) => format!("retry in {ms} ms"),
            None if f.0.contains_key("reason") => format!("give up: {}", get("reason")),
            None if f.0.contains_key("code") || get("status").starts_with(['4', '5']) => {
                "return the error".to_owned()
            }
            None => "done".to_owned(),
        };
        println!(
            "   {operation:<12} attempt {:<2} {:>4} {:<22} {:<8} -> {next}",
            get("attempt"),
            get("status"),
            get("code"),
            get("request_id"),
        );
    }
}
