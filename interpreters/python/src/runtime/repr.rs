//! `repr()` and `str()` of every built-in kind, CPython's float repr, and
//! the recursion guard for self-containing containers.

use super::*;
use crate::object::IterKind;

thread_local! {
    static REPR_STACK: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn guard<R>(addr: usize, f: impl FnOnce() -> R) -> Option<R> {
    let busy = REPR_STACK.with(|s| s.borrow().contains(&addr));
    if busy {
        return None;
    }
    REPR_STACK.with(|s| s.borrow_mut().push(addr));
    let r = f();
    REPR_STACK.with(|s| s.borrow_mut().pop());
    Some(r)
}

/// Python's repr of a float (shortest round-trip digits).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let mut s = format!("{:e}", f);
    // The shortest digits; among equally short candidates CPython takes the
    // correctly rounded one.
    let ndigits = s.split_once('e').map(|(m, _)| m.chars().filter(|c| c.is_ascii_digit()).count()).unwrap_or(1);
    if ndigits > 1 {
        let exact = format!("{:.*e}", ndigits - 1, f);
        if exact.parse::<f64>().ok() == Some(f) {
            s = exact;
        }
    }
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() > e + 1 {
                out.push_str(&digits[..e + 1]);
                out.push('.');
                out.push_str(&digits[e + 1..]);
            } else {
                out.push_str(&digits);
                out.push_str(&"0".repeat(e + 1 - digits.len()));
                out.push_str(".0");
            }
        } else {
            out.push_str("0.");
            out.push_str(&"0".repeat((-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

pub fn int_str(v: Value) -> PyResult<String> {
    if let Some(i) = v.as_int() {
        return Ok(i.to_string());
    }
    let b = num::to_bigint(v).unwrap_or_default();
    let limit = vm().int_max_str_digits;
    if limit > 0 && b.bits() as f64 * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
        let s = b.to_string();
        let digits = s.trim_start_matches('-').len();
        if digits > limit {
            return Err(value_error(format!("Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")));
        }
        return Ok(s);
    }
    Ok(b.to_string())
}

pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if !is_printable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{:02x}", n));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", n));
                } else {
                    out.push_str(&format!("\\U{:08x}", n));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// An approximation of Unicode's printable property as CPython uses it.
pub fn is_printable(c: char) -> bool {
    let n = c as u32;
    if n < 0x20 || (0x7f..0xa0).contains(&n) || n == 0xad {
        return false;
    }
    if (0xd800..0xe000).contains(&n) || (0xe000..0xf900).contains(&n) || n == 0xfeff || (0xfff0..=0xffff).contains(&n) {
        return false;
    }
    if matches!(n, 0x2028 | 0x2029 | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064) {
        return false;
    }
    if n >= 0xf0000 || (0xe0000..0xe1000).contains(&n) {
        return false;
    }
    !c.is_whitespace() || c == ' '
}

pub fn bytes_repr(b: &[u8], prefix: &str) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from(prefix);
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote);
    out
}

fn seq_repr(items: &[Value], open: &str, close: &str) -> PyResult<String> {
    let mut out = String::from(open);
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(*v)?);
    }
    out.push_str(close);
    Ok(out)
}

pub fn dict_repr(d: &dict::Dict) -> PyResult<String> {
    let mut out = String::from("{");
    for (i, (k, v)) in d.items().into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(k)?);
        out.push_str(": ");
        out.push_str(&repr(v)?);
    }
    out.push('}');
    Ok(out)
}

pub fn addr_str(v: Value) -> String {
    format!("0x{:x}", v.payload)
}

pub fn type_repr(t: ObjRef) -> String {
    let td = types::type_data(t);
    if td.module == "builtins" {
        format!("<class '{}'>", td.qualname)
    } else {
        format!("<class '{}.{}'>", td.module, td.qualname)
    }
}

/// `repr(v)`.
pub fn repr(v: Value) -> PyResult<String> {
    use crate::value::*;
    match v.tag {
        T_NONE => return Ok("None".into()),
        T_BOOL => return Ok(if v.payload != 0 { "True" } else { "False" }.into()),
        T_INT => return Ok(v.i().to_string()),
        T_FLOAT => return Ok(float_repr(v.f())),
        T_NULL => return Ok("<NULL>".into()),
        _ => {}
    }
    let o = v.objref();
    let class = o.get().class;
    if !types::type_data(class).is_builtin {
        if let Some(f) = types::lookup_str(class, "__repr__") {
            if !hash::is_builtin_slot(f) {
                let r = call::call(f, &[v], &[])?;
                return match as_str(r) {
                    Some(s) => Ok(s.s.to_string()),
                    None => Err(type_error(format!("__repr__ returned non-string (type {})", type_name(r)))),
                };
            }
        }
    }
    let r = guard(o.0, || builtin_repr(v, o));
    match r {
        Some(r) => r,
        None => Ok(match &o.get().kind {
            Kind::List(_) => "[...]".into(),
            Kind::Dict(_) => "{...}".into(),
            Kind::Tuple(_) => "(...)".into(),
            _ => "...".into(),
        }),
    }
}

fn builtin_repr(v: Value, o: ObjRef) -> PyResult<String> {
    let class = o.get().class;
    let tname = types::type_data(class).name.clone();
    let t = &vm().t;
    Ok(match &o.get().kind {
        Kind::Str(s) => str_repr(&s.s),
        Kind::BigInt(_) => int_str(v)?,
        Kind::Bytes(b) => bytes_repr(b, "b"),
        Kind::ByteArray(b) => format!("bytearray({})", bytes_repr(b, "b")),
        Kind::List(l) => {
            let l = l.clone();
            seq_repr(&l, "[", "]")?
        }
        Kind::Tuple(items) => {
            let items = items.clone();
            if items.len() == 1 {
                format!("({},)", repr(items[0])?)
            } else {
                seq_repr(&items, "(", ")")?
            }
        }
        Kind::Dict(d) => {
            let d = (**d).clone();
            if class == t.defaultdict {
                let f = crate::builtins::collections_dd_factory(v);
                let fr = if f.is_none() { "None".into() } else { repr(f)? };
                format!("defaultdict({}, {})", fr, dict_repr(&d)?)
            } else if class == t.counter {
                if d.is_empty() {
                    "Counter()".into()
                } else {
                    let items = crate::builtins::counter_most_common(&d)?;
                    let mut out = String::from("Counter({");
                    for (i, (k, c)) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&format!("{}: {}", repr(*k)?, repr(*c)?));
                    }
                    out.push_str("})");
                    out
                }
            } else if class == t.ordereddict {
                if d.is_empty() {
                    "OrderedDict()".into()
                } else {
                    let mut out = String::from("OrderedDict([");
                    for (i, (k, val)) in d.items().into_iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&format!("({}, {})", repr(k)?, repr(val)?));
                    }
                    out.push_str("])");
                    out
                }
            } else {
                dict_repr(&d)?
            }
        }
        Kind::Set(s) => {
            let items = s.items();
            if items.is_empty() {
                format!("{}()", tname)
            } else if class == t.set {
                seq_repr(&items, "{", "}")?
            } else {
                format!("{}({})", tname, seq_repr(&items, "{", "}")?)
            }
        }
        Kind::FrozenSet(s) => {
            let items = s.items();
            if items.is_empty() {
                format!("{}()", tname)
            } else {
                format!("{}({})", tname, seq_repr(&items, "{", "}")?)
            }
        }
        Kind::Range { start, stop, step } => {
            if *step == 1 {
                format!("range({start}, {stop})")
            } else {
                format!("range({start}, {stop}, {step})")
            }
        }
        Kind::Slice { start, stop, step } => format!("slice({}, {}, {})", repr(*start)?, repr(*stop)?, repr(*step)?),
        Kind::Type(_) => type_repr(o),
        Kind::Instance(i) => {
            if i.exc.is_some() {
                repr_exc_builtin(v)?
            } else if !i.base.is_null() {
                repr(i.base)?
            } else {
                let td = types::type_data(class);
                format!("<{}.{} object at {}>", td.module, td.qualname, addr_str(v))
            }
        }
        Kind::Function(f) => format!("<function {} at {}>", str_of(f.qualname), addr_str(v)),
        Kind::Method { func, this } => {
            let fname = match kind(*func) {
                Some(Kind::Function(f)) => str_of(f.qualname).to_string(),
                Some(Kind::Builtin(b)) => b.name.to_string(),
                _ => "?".into(),
            };
            format!("<bound method {} of {}>", fname, repr(*this)?)
        }
        Kind::Builtin(b) => {
            if b.this.is_null() || matches!(kind(b.this), Some(Kind::Module(_))) {
                format!("<built-in function {}>", b.name)
            } else {
                format!("<built-in method {} of {} object at {}>", b.name, type_name(b.this), addr_str(b.this))
            }
        }
        Kind::Cell(_) => format!("<cell at {}>", addr_str(v)),
        Kind::Module(m) => format!("<module '{}' (built-in)>", m.name),
        Kind::Code(c) => format!("<code object {} at {}, file \"{}\", line {}>", c.name, addr_str(v), c.filename, c.first_line),
        Kind::Generator(g) => format!("<generator object {} at {}>", str_of(g.qualname), addr_str(v)),
        Kind::Iter(it) => match &**it {
            IterKind::Count { next, step } => {
                if step.as_int() == Some(1) {
                    format!("count({})", repr(*next)?)
                } else {
                    format!("count({}, {})", repr(*next)?, repr(*step)?)
                }
            }
            IterKind::Repeat { value, left } => {
                if *left < 0 {
                    format!("repeat({})", repr(*value)?)
                } else {
                    format!("repeat({}, {})", repr(*value)?, left)
                }
            }
            IterKind::Range { .. } => format!("<range_iterator object at {}>", addr_str(v)),
            IterKind::Seq { seq, .. } => format!("<{}_iterator object at {}>", type_name(*seq), addr_str(v)),
            _ => format!("<{} object at {}>", tname, addr_str(v)),
        },
        Kind::Property(_) => format!("<property object at {}>", addr_str(v)),
        Kind::StaticMethod(_) => format!("<staticmethod object at {}>", addr_str(v)),
        Kind::ClassMethod(_) => format!("<classmethod object at {}>", addr_str(v)),
        Kind::Super { .. } => "<super object>".into(),
        Kind::Deque { items, maxlen } => {
            let items: Vec<Value> = items.iter().copied().collect();
            match maxlen {
                Some(m) => format!("deque({}, maxlen={})", seq_repr(&items, "[", "]")?, m),
                None => format!("deque({})", seq_repr(&items, "[", "]")?),
            }
        }
        Kind::File(f) => format!("<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>", f.path, f.mode),
        Kind::Partial { func, args, kwargs } => {
            let mut parts = vec![repr(*func)?];
            for a in args {
                parts.push(repr(*a)?);
            }
            for (k, a) in kwargs {
                parts.push(format!("{}={}", str_of(k.val()), repr(*a)?));
            }
            format!("functools.partial({})", parts.join(", "))
        }
        Kind::ItemGetter(items) => format!("operator.itemgetter({})", items.iter().map(|x| repr(*x)).collect::<PyResult<Vec<_>>>()?.join(", ")),
        Kind::AttrGetter(items) => format!("operator.attrgetter({})", items.iter().map(|x| repr(*x)).collect::<PyResult<Vec<_>>>()?.join(", ")),
        Kind::MethodCaller { name, .. } => format!("operator.methodcaller({})", repr(*name)?),
        Kind::Cached { func, .. } => repr(*func)?,
        Kind::Random(_) => format!("<random.Random object at {}>", addr_str(v)),
        Kind::DictView { dict, which } => {
            let d = as_dict(dict.val()).map(|d| d.clone()).unwrap_or_default();
            let (name, items): (&str, Vec<Value>) = match which {
                0 => ("dict_keys", d.keys()),
                1 => ("dict_values", d.values()),
                _ => ("dict_items", d.items().into_iter().map(|(k, v)| new_tuple(vec![k, v])).collect()),
            };
            format!("{}({})", name, seq_repr(&items, "[", "]")?)
        }
        Kind::Complex(r, i) => {
            let part = |x: f64| -> String {
                let s = float_repr(x);
                s.strip_suffix(".0").map(String::from).unwrap_or(s)
            };
            if *r == 0.0 && r.is_sign_positive() {
                format!("{}j", part(*i))
            } else {
                let im = part(*i);
                let sign = if im.starts_with('-') { "" } else { "+" };
                format!("({}{}{}j)", part(*r), sign, im)
            }
        }
        Kind::NotImplemented => "NotImplemented".into(),
        Kind::Ellipsis => "Ellipsis".into(),
    })
}

/// BaseException.__repr__.
pub fn repr_exc_builtin(v: Value) -> PyResult<String> {
    let o = v.objref();
    let args = exc_args(o);
    let name = types::type_data(o.get().class).name.clone();
    if args.len() == 1 {
        Ok(format!("{}({})", name, repr(args[0])?))
    } else {
        Ok(format!("{}{}", name, seq_repr(args, "(", ")")?))
    }
}

/// `str(v)`.
pub fn str(v: Value) -> PyResult<String> {
    if let Some(s) = as_str(v) {
        if matches!(kind(v), Some(Kind::Str(_))) {
            return Ok(s.s.to_string());
        }
    }
    if v.is_obj() {
        let o = v.objref();
        let class = o.get().class;
        if !types::type_data(class).is_builtin {
            if let Some(f) = types::lookup_str(class, "__str__") {
                if !hash::is_builtin_slot(f) {
                    let r = call::call(f, &[v], &[])?;
                    return match as_str(r) {
                        Some(s) => Ok(s.s.to_string()),
                        None => Err(type_error(format!("__str__ returned non-string (type {})", type_name(r)))),
                    };
                }
            }
        }
        if is_exception_instance(v) {
            return exc_str(o);
        }
        if let Kind::Instance(i) = &o.get().kind {
            if !i.base.is_null() && types::lookup_str(class, "__repr__").map(hash::is_builtin_slot).unwrap_or(true) {
                return str(i.base);
            }
        }
    }
    repr(v)
}

pub fn str_value(v: Value) -> PyResult<Value> {
    if matches!(kind(v), Some(Kind::Str(_))) {
        return Ok(v);
    }
    Ok(new_string(str(v)?))
}

/// ascii(): repr with non-ASCII characters escaped.
pub fn ascii(v: Value) -> PyResult<String> {
    let r = repr(v)?;
    let mut out = String::new();
    for c in r.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    Ok(out)
}
