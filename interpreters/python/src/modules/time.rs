//! The `time` module (a monotonic clock from the framework, which also
//! works on wasm32 where the host supplies it; the wall clock and sleeping
//! from `crate::host`).

use super::*;

fn wall() -> f64 {
    crate::host::wall_time()
}

pub fn init() -> Value {
    let (m, d) = new_module("time");
    add_fn(d, "time", "time", |_, _| Ok(Value::float(wall())));
    add_fn(d, "time_ns", "time", |_, _| Ok(Value::int((wall() * 1e9) as i64)));
    add_fn(d, "perf_counter", "time", |_, _| Ok(Value::float(kiln::clock::now())));
    add_fn(d, "perf_counter_ns", "time", |_, _| Ok(Value::int((kiln::clock::now() * 1e9) as i64)));
    add_fn(d, "monotonic", "time", |_, _| Ok(Value::float(kiln::clock::now())));
    add_fn(d, "monotonic_ns", "time", |_, _| Ok(Value::int((kiln::clock::now() * 1e9) as i64)));
    add_fn(d, "process_time", "time", |_, _| Ok(Value::float(kiln::clock::now())));
    add_fn(d, "sleep", "time", |a, _| {
        let s = crate::runtime::num::to_f64(*a.first().unwrap_or(&Value::int(0))).unwrap_or(Ok(0.0))?;
        if s < 0.0 {
            return Err(rt::value_error("sleep length must be non-negative".into()));
        }
        crate::host::sleep(s);
        Ok(Value::NONE)
    });
    m
}
