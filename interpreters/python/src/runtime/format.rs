//! Formatting: the format-spec mini-language (`format()`, f-strings,
//! `str.format`) and printf-style `%` formatting.

use super::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

#[derive(Default, Debug, Clone)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(s: &str) -> PyResult<Spec> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec::default();
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        sp.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let start = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        sp.width = c[start..i].iter().collect::<String>().parse().map_err(|_| value_error("Too many decimal digits in format string".into()))?;
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(value_error("Format specifier missing precision".into()));
        }
        sp.precision = Some(c[start..i].iter().collect::<String>().parse().unwrap_or(0));
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(value_error("Invalid format specifier".into()));
    }
    Ok(sp)
}

fn pad(body: &str, sign: &str, sp: &Spec, default_align: char) -> String {
    let fill = sp.fill.unwrap_or(if sp.zero { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero && sp.fill.is_none() && default_align == '>' { '=' } else { default_align });
    let len = body.chars().count() + sign.chars().count();
    if len >= sp.width {
        return format!("{sign}{body}");
    }
    let n = sp.width - len;
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn sign_str(neg: bool, sp: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

pub fn format_int(b: &BigInt, sp: &Spec) -> PyResult<String> {
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = b.to_f64().unwrap_or(f64::INFINITY);
        return format_float(f, sp);
    }
    if sp.precision.is_some() {
        return Err(value_error("Precision not allowed in integer format specifier".into()));
    }
    let neg = b.is_negative();
    let a = b.abs();
    let (digits, prefix) = match ty {
        'd' | 'n' => (a.to_string(), ""),
        'b' => (a.to_str_radix(2), "0b"),
        'o' => (a.to_str_radix(8), "0o"),
        'x' => (a.to_str_radix(16), "0x"),
        'X' => (a.to_str_radix(16).to_uppercase(), "0X"),
        'c' => {
            let ch = b.to_u32().and_then(char::from_u32).ok_or_else(|| overflow_error("%c arg not in range(0x110000)".into()))?;
            return Ok(pad(&ch.to_string(), "", sp, '<'));
        }
        's' => return Err(value_error("Unknown format code 's' for object of type 'int'".into())),
        other => return Err(value_error(format!("Unknown format code '{other}' for object of type 'int'"))),
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if matches!(ty, 'b' | 'o' | 'x' | 'X') { 4 } else { 3 }),
        None => digits,
    };
    let mut sign = sign_str(neg, sp).to_string();
    if sp.alt {
        sign.push_str(prefix);
    }
    if sp.zero && sp.align.is_none() && sp.fill.is_none() && sp.grouping.is_some() {
        // Zero padding also gets separators.
        let width = sp.width.saturating_sub(sign.len());
        let raw: String = digits.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let every = if matches!(ty, 'b' | 'o' | 'x' | 'X') { 4 } else { 3 };
        let mut d = raw.clone();
        loop {
            let g = group(&d, sp.grouping.unwrap_or(','), every);
            if g.len() >= width {
                return Ok(format!("{sign}{g}"));
            }
            d.insert(0, '0');
        }
    }
    Ok(pad(&digits, &sign, sp, '>'))
}

/// Python's exponent form: at least two exponent digits.
fn fix_exp(s: &str) -> String {
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = if let Some(d) = e.strip_prefix('-') { ('-', d) } else { ('+', e.trim_start_matches('+')) };
            format!("{m}e{sign}{:0>2}", digits)
        }
        None => s.to_string(),
    }
}

fn strip_zeros(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    let (m, e) = match s.find('e') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let m = m.trim_end_matches('0').trim_end_matches('.');
    format!("{m}{e}")
}

pub fn format_g(f: f64, prec: usize, alt: bool, upper: bool, repr_style: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if f == 0.0 {
        let z = if f.is_sign_negative() { "-0" } else { "0" };
        return if alt {
            format!("{z}.{}", "0".repeat(p - 1))
        } else if repr_style {
            format!("{z}.0")
        } else {
            z.to_string()
        };
    }
    let sci = format!("{:.*e}", p - 1, f);
    let exp: i32 = sci.split_once('e').map(|(_, e)| e.parse().unwrap_or(0)).unwrap_or(0);
    let mut s = if exp >= -4 && exp < p as i32 {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{:.*}", decimals, f);
        if alt {
            s
        } else {
            let s = strip_zeros(&s);
            if repr_style && !s.contains('.') {
                format!("{s}.0")
            } else {
                s
            }
        }
    } else {
        let s = if alt { sci } else { strip_zeros(&sci) };
        fix_exp(&s)
    };
    if upper {
        s = s.to_uppercase();
    }
    s
}

pub fn format_float(f: f64, sp: &Spec) -> PyResult<String> {
    let ty = sp.ty;
    let neg = f.is_sign_negative() && !(sp.z && f == 0.0) && !f.is_nan();
    let a = f.abs();
    let a = if sp.z && a == 0.0 { 0.0 } else { a };
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let mut body = if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    } else {
        match ty {
            Some('f' | 'F') => format!("{:.*}", sp.precision.unwrap_or(6), a),
            Some('e' | 'E') => {
                let s = fix_exp(&format!("{:.*e}", sp.precision.unwrap_or(6), a));
                if upper {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Some('g' | 'G') => format_g(a, sp.precision.unwrap_or(6), sp.alt, upper, false),
            Some('%') => format!("{:.*}%", sp.precision.unwrap_or(6), a * 100.0),
            None => match sp.precision {
                Some(p) => format_g(a, p, sp.alt, false, true),
                None => repr::float_repr(a),
            },
            Some('n') => format_g(a, sp.precision.unwrap_or(6), sp.alt, false, false),
            Some(other) => return Err(value_error(format!("Unknown format code '{other}' for object of type 'float'"))),
        }
    };
    if sp.alt && !body.contains('.') && a.is_finite() && matches!(ty, Some('f' | 'F' | 'e' | 'E')) {
        if let Some(i) = body.find('e') {
            body.insert(i, '.');
        } else {
            body.push('.');
        }
    }
    if let Some(g) = sp.grouping {
        let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => (body[..i].to_string(), body[i..].to_string()),
            None => (body.clone(), String::new()),
        };
        body = format!("{}{}", group(&int_part, g, 3), rest);
    }
    Ok(pad(&body, sign_str(neg, sp), sp, '>'))
}

pub fn format_str(s: &str, sp: &Spec) -> PyResult<String> {
    if let Some(g) = sp.grouping {
        return Err(value_error(format!("Cannot specify '{g}' with 's'.")));
    }
    if let Some(t) = sp.ty {
        if t != 's' {
            return Err(value_error(format!("Unknown format code '{t}' for object of type 'str'")));
        }
    }
    if sp.sign.is_some() {
        return Err(value_error("Sign not allowed in string format specifier".into()));
    }
    if sp.align == Some('=') {
        return Err(value_error("'=' alignment not allowed in string format specifier".into()));
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(&body, "", sp, '<'))
}

/// `format(v, spec)`.
pub fn format(v: Value, spec: &str) -> PyResult<String> {
    if let Some(f) = ops::user_dunder(v, "__format__") {
        let r = ops::call_dunder(f, v, &[new_str(spec)])?;
        return Ok(str_of(r).to_string());
    }
    let v = ops::unwrap_base(v);
    if spec.is_empty() {
        return repr::str(v);
    }
    let sp = parse_spec(spec)?;
    if let Some(f) = v.as_float() {
        return format_float(f, &sp);
    }
    if num::is_int(v) {
        return format_int(&num::to_bigint(v).unwrap_or_default(), &sp);
    }
    if let Some(s) = as_str(v) {
        return format_str(&s.s, &sp);
    }
    if v.is_none() || v.is_obj() {
        return Err(type_error(format!("unsupported format string passed to {}.__format__", type_name(v))));
    }
    format_str(&repr::str(v)?, &sp)
}

/// FORMAT_VALUE: conversion then format.
pub fn format_value(v: Value, conv: u8, spec: Value) -> PyResult<Value> {
    let conv = conv & 3;
    let v = match conv {
        1 => new_string(repr::str(v)?),
        2 => new_string(repr::repr(v)?),
        3 => new_string(repr::ascii(v)?),
        _ => v,
    };
    let spec = if spec.is_null() { "" } else { str_of(spec) };
    if spec.is_empty() && ops::user_dunder(v, "__format__").is_none() {
        if matches!(kind(v), Some(Kind::Str(_))) {
            return Ok(v);
        }
        return Ok(new_string(repr::str(v)?));
    }
    Ok(new_string(format(v, spec)?))
}

// ---- printf-style

pub fn percent_format(fmt: &str, args: Value) -> PyResult<String> {
    let tuple_args: Vec<Value> = match kind(args) {
        Some(Kind::Tuple(t)) if type_of(args) == vm().t.tuple => t.to_vec(),
        _ => vec![args],
    };
    let mapping = if as_dict(args).is_some() || ops::user_dunder(args, "__getitem__").is_some() && as_tuple(args).is_none() && as_str(args).is_none() { Some(args) } else { None };
    let mut next = 0usize;
    let mut used_mapping = false;
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= c.len() {
            return Err(value_error("incomplete format".into()));
        }
        let mut arg: Option<Value> = None;
        if c[i] == '(' {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < c.len() && depth > 0 {
                if c[i] == '(' {
                    depth += 1;
                } else if c[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            let key: String = c[start..i - 1].iter().collect();
            let m = mapping.ok_or_else(|| type_error("format requires a mapping".into()))?;
            arg = Some(ops::getitem(m, new_string(key))?);
            used_mapping = true;
        }
        let mut sp = Spec::default();
        let mut left = false;
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            match c[i] {
                '-' => left = true,
                '+' => sp.sign = Some('+'),
                ' ' => {
                    if sp.sign.is_none() {
                        sp.sign = Some(' ')
                    }
                }
                '#' => sp.alt = true,
                _ => sp.zero = true,
            }
            i += 1;
        }
        let take = |next: &mut usize| -> PyResult<Value> {
            if *next < tuple_args.len() {
                *next += 1;
                Ok(tuple_args[*next - 1])
            } else {
                Err(type_error("not enough arguments for format string".into()))
            }
        };
        if i < c.len() && c[i] == '*' {
            sp.width = take(&mut next)?.as_int().unwrap_or(0).max(0) as usize;
            i += 1;
        } else {
            let start = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                sp.width = c[start..i].iter().collect::<String>().parse().unwrap_or(0);
            }
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            if i < c.len() && c[i] == '*' {
                sp.precision = Some(take(&mut next)?.as_int().unwrap_or(0).max(0) as usize);
                i += 1;
            } else {
                let start = i;
                while i < c.len() && c[i].is_ascii_digit() {
                    i += 1;
                }
                sp.precision = Some(c[start..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        if i >= c.len() {
            return Err(value_error("incomplete format".into()));
        }
        let conv = c[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let a = match arg {
            Some(a) => a,
            None => take(&mut next)?,
        };
        if left {
            sp.align = Some('<');
            sp.zero = false;
        }
        let s = match conv {
            's' => {
                let s = repr::str(a)?;
                let s: String = match sp.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad(&s, "", &Spec { align: Some(if left { '<' } else { '>' }), ..sp.clone() }, '>')
            }
            'r' | 'a' => {
                let s = if conv == 'r' { repr::repr(a)? } else { repr::ascii(a)? };
                pad(&s, "", &Spec { align: Some(if left { '<' } else { '>' }), ..sp.clone() }, '>')
            }
            'd' | 'i' | 'u' => {
                let b = match a.as_float() {
                    Some(f) => num::bigint_from_f64(f.trunc()),
                    None => num::to_bigint(ops::unwrap_base(a)).ok_or_else(|| type_error(format!("%{conv} format: a real number is required, not {}", type_name(a))))?,
                };
                let mut s2 = sp.clone();
                s2.precision = None;
                s2.ty = Some('d');
                let body = format_int(&b, &s2)?;
                if let Some(p) = sp.precision {
                    let digits = b.abs().to_string();
                    let d = format!("{}{:0>p$}", if b.is_negative() { "-" } else { "" }, digits, p = p);
                    pad(&d, "", &Spec { align: Some(if left { '<' } else { '>' }), ..sp.clone() }, '>')
                } else {
                    body
                }
            }
            'x' | 'X' | 'o' => {
                let b = num::to_bigint(ops::unwrap_base(a)).ok_or_else(|| type_error(format!("%{conv} format: an integer is required, not {}", type_name(a))))?;
                let mut s2 = sp.clone();
                s2.ty = Some(conv);
                s2.precision = None;
                format_int(&b, &s2)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = num::to_f64(ops::unwrap_base(a)).ok_or_else(|| type_error(format!("must be real number, not {}", type_name(a))))??;
                let mut s2 = sp.clone();
                s2.ty = Some(conv);
                if s2.precision.is_none() {
                    s2.precision = Some(6);
                }
                format_float(f, &s2)?
            }
            'c' => {
                let ch = match as_str(a) {
                    Some(s) if s.chars == 1 => s.s.to_string(),
                    _ => a.as_int().and_then(|n| char::from_u32(n as u32)).map(|c| c.to_string()).ok_or_else(|| type_error("%c requires int or char".into()))?,
                };
                pad(&ch, "", &Spec { align: Some(if left { '<' } else { '>' }), ..sp.clone() }, '>')
            }
            other => return Err(value_error(format!("unsupported format character '{}' (0x{:x}) at index {}", other, other as u32, i - 1))),
        };
        out.push_str(&s);
    }
    if next < tuple_args.len() && !used_mapping && mapping.is_none() {
        return Err(type_error("not all arguments converted during string formatting".into()));
    }
    Ok(out)
}

// ---- str.format

pub fn str_format(fmt: &str, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<String> {
    let mut state = (0usize, false, false);
    str_format_in(fmt, args, kwargs, &mut state)
}

/// `state`: next automatic index, manual numbering seen, automatic seen.
fn str_format_in(fmt: &str, args: &[Value], kwargs: &[(ObjRef, Value)], state: &mut (usize, bool, bool)) -> PyResult<String> {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let (mut auto, mut manual, mut automatic) = *state;
    while i < c.len() {
        let ch = c[i];
        if ch == '{' {
            if i + 1 < c.len() && c[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace (nested braces in the spec).
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < c.len() && depth > 0 {
                if c[i] == '{' {
                    depth += 1;
                } else if c[i] == '}' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(value_error("expected '}' before end of string".into()));
            }
            let field: String = c[start..i - 1].iter().collect();
            let (name_part, spec) = match field.find(':') {
                Some(k) => (field[..k].to_string(), field[k + 1..].to_string()),
                None => (field.clone(), String::new()),
            };
            let (name_part, conv) = match name_part.find('!') {
                Some(k) => (name_part[..k].to_string(), name_part[k + 1..].chars().next()),
                None => (name_part, None),
            };
            // The first part of the field name: index or keyword.
            let first_end = name_part.find(['.', '[']).unwrap_or(name_part.len());
            let first = &name_part[..first_end];
            let mut value = if first.is_empty() {
                if manual {
                    return Err(value_error("cannot switch from manual field specification to automatic field numbering".into()));
                }
                automatic = true;
                let v = *args.get(auto).ok_or_else(|| index_error(&format!("Replacement index {auto} out of range for positional args tuple")))?;
                auto += 1;
                v
            } else if let Ok(n) = first.parse::<usize>() {
                if automatic {
                    return Err(value_error("cannot switch from automatic field numbering to manual field specification".into()));
                }
                manual = true;
                *args.get(n).ok_or_else(|| index_error(&format!("Replacement index {n} out of range for positional args tuple")))?
            } else {
                kwargs.iter().find(|(k, _)| str_of(k.val()) == first).map(|(_, v)| *v).ok_or_else(|| key_error(new_str(first)))?
            };
            // Attribute and index accessors.
            let rest: Vec<char> = name_part[first_end..].chars().collect();
            let mut j = 0;
            while j < rest.len() {
                if rest[j] == '.' {
                    let s = j + 1;
                    j += 1;
                    while j < rest.len() && rest[j] != '.' && rest[j] != '[' {
                        j += 1;
                    }
                    let attr_name: String = rest[s..j].iter().collect();
                    value = attr::getattr(value, intern(&attr_name))?;
                } else if rest[j] == '[' {
                    let s = j + 1;
                    while j < rest.len() && rest[j] != ']' {
                        j += 1;
                    }
                    let key: String = rest[s..j].iter().collect();
                    j += 1;
                    let k = match key.parse::<i64>() {
                        Ok(n) => Value::int(n),
                        Err(_) => new_string(key),
                    };
                    value = ops::getitem(value, k)?;
                } else {
                    j += 1;
                }
            }
            let value = match conv {
                Some('r') => new_string(repr::repr(value)?),
                Some('s') => new_string(repr::str(value)?),
                Some('a') => new_string(repr::ascii(value)?),
                None => value,
                Some(other) => return Err(value_error(format!("Unknown conversion specifier {other}"))),
            };
            let spec = if spec.contains('{') {
                let mut st = (auto, manual, automatic);
                let r = str_format_in(&spec, args, kwargs, &mut st)?;
                (auto, manual, automatic) = st;
                r
            } else {
                spec
            };
            out.push_str(&format(value, &spec)?);
            continue;
        }
        if ch == '}' {
            if i + 1 < c.len() && c[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string".into()));
        }
        out.push(ch);
        i += 1;
    }
    let _ = BigInt::zero();
    *state = (auto, manual, automatic);
    Ok(out)
}
