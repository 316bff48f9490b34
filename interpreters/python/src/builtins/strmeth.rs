//! Methods of `str`, `bytes` and `bytearray`.

use super::*;
use crate::runtime::{format, repr};

fn s_of(v: Value) -> PyResult<&'static str> {
    match rt::as_str(v) {
        Some(s) => Ok(&s.s),
        None => Err(rt::type_error(format!("descriptor requires a 'str' object but received a '{}'", rt::type_name(v)))),
    }
}

fn arg_str<'a>(v: Value, what: &str) -> PyResult<&'a str> {
    match rt::as_str(v) {
        Some(s) => Ok(&s.s),
        None => Err(rt::type_error(format!("{what}must be str, not {}", rt::type_name(v)))),
    }
}

fn chars_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of character index `i` (clamped).
fn byte_at(s: &str, i: usize) -> usize {
    if s.is_ascii() {
        return i.min(s.len());
    }
    s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(s.len())
}

fn char_index(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

/// Resolves optional start/end (character indices) to a byte range.
fn range_of(s: &str, a: &[Value], from: usize) -> PyResult<(usize, usize)> {
    let n = chars_len(s) as i64;
    let get = |i: usize, default: i64| -> PyResult<i64> {
        match a.get(i) {
            Some(v) if !v.is_none() => {
                let mut x = to_index(*v, "")?;
                if x < 0 {
                    x = (x + n).max(0);
                }
                Ok(x)
            }
            _ => Ok(default),
        }
    };
    let st = get(from, 0)?;
    let en = get(from + 1, n)?.min(n);
    if st > en {
        return Ok((usize::MAX, 0));
    }
    Ok((byte_at(s, st as usize), byte_at(s, en as usize)))
}

fn find_impl(a: &[Value], rev: bool) -> PyResult<i64> {
    let s = s_of(a[0])?;
    let sub = arg_str(*a.get(1).ok_or_else(|| rt::type_error("find() takes at least 1 argument (0 given)".into()))?, "must be str, not ")?;
    let (b, e) = range_of(s, a, 2)?;
    if b == usize::MAX {
        return Ok(-1);
    }
    let hay = &s[b..e];
    let r = if rev { hay.rfind(sub) } else { hay.find(sub) };
    Ok(match r {
        Some(off) => char_index(s, b + off) as i64,
        None => -1,
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

pub fn split_whitespace(s: &str, maxsplit: i64) -> Vec<String> {
    let mut out = vec![];
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest.to_string());
            break;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = rest[end..].trim_start_matches(is_space);
    }
    out
}

fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<String> {
    let mut out = vec![];
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest.to_string());
            break;
        }
        let start = rest.rfind(is_space).map(|i| i + rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1)).unwrap_or(0);
        out.push(rest[start..].to_string());
        rest = rest[..start].trim_end_matches(is_space);
    }
    out.reverse();
    out
}

fn split_args(a: &[Value], k: Kw) -> PyResult<(Option<String>, i64)> {
    let sep = a.get(1).copied().or_else(|| kwarg(k, "sep")).filter(|v| !v.is_none());
    let maxsplit = a.get(2).copied().or_else(|| kwarg(k, "maxsplit")).map(|v| to_index(v, "")).transpose()?.unwrap_or(-1);
    let sep = match sep {
        Some(v) => {
            let s = arg_str(v, "must be str or None, not ")?.to_string();
            if s.is_empty() {
                return Err(rt::value_error("empty separator".into()));
            }
            Some(s)
        }
        None => None,
    };
    Ok((sep, maxsplit))
}

fn strs(v: Vec<String>) -> Value {
    rt::new_list(v.into_iter().map(rt::new_string).collect())
}

fn strip_impl(a: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let s = s_of(a[0])?;
    let chars: Option<Vec<char>> = match a.get(1) {
        Some(v) if !v.is_none() => Some(arg_str(*v, "strip arg must be None or str")?.chars().collect()),
        _ => None,
    };
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => is_space(c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    Ok(rt::new_str(r))
}

/// Titlecase of one character (the uppercase mapping with the rest lowercased: 'ß' -> "Ss").
fn titlecase(c: char) -> String {
    let mut up = c.to_uppercase();
    let mut out = String::new();
    if let Some(f) = up.next() {
        out.push(f);
    }
    for r in up {
        out.extend(r.to_lowercase());
    }
    out
}

fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.push_str(&titlecase(c));
        }
        prev_cased = c.is_lowercase() || c.is_uppercase();
    }
    out
}

fn pad_fill(a: &[Value], name: &str) -> PyResult<(usize, char)> {
    let w = to_index(*a.get(1).ok_or_else(|| rt::type_error(format!("{name}() takes at least 1 argument (0 given)")))?, "")?;
    let fill = match a.get(2) {
        Some(v) => {
            let f = arg_str(*v, "The fill character must be a unicode character, not ")?;
            if chars_len(f) != 1 {
                return Err(rt::type_error("The fill character must be exactly one character long".into()));
            }
            f.chars().next().unwrap_or(' ')
        }
        None => ' ',
    };
    Ok((w.max(0) as usize, fill))
}

fn escape_char(c: char) -> String {
    let n = c as u32;
    if n < 0x80 {
        format!("{c}")
    } else if n <= 0xff {
        format!("\\x{n:02x}")
    } else if n <= 0xffff {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

fn encode_with(s: &str, enc: &str, errors: &str) -> PyResult<Vec<u8>> {
    let e = enc.to_lowercase().replace('_', "-");
    match e.as_str() {
        "utf-8" | "utf8" => Ok(s.as_bytes().to_vec()),
        "utf-32-le" | "utf-32le" | "utf-32" | "utf32" => {
            let mut out = if e.ends_with("le") { vec![] } else { vec![0xff, 0xfe, 0, 0] };
            for c in s.chars() {
                out.extend_from_slice(&(c as u32).to_le_bytes());
            }
            Ok(out)
        }
        "utf-32-be" | "utf-32be" => {
            let mut out = vec![];
            for c in s.chars() {
                out.extend_from_slice(&(c as u32).to_be_bytes());
            }
            Ok(out)
        }
        "utf-16-le" | "utf-16le" | "utf-16" | "utf16" => {
            let mut out = if e.ends_with("le") { vec![] } else { vec![0xff, 0xfe] };
            for u in s.encode_utf16() {
                out.extend_from_slice(&u.to_le_bytes());
            }
            Ok(out)
        }
        "utf-16-be" | "utf-16be" => {
            let mut out = vec![];
            for u in s.encode_utf16() {
                out.extend_from_slice(&u.to_be_bytes());
            }
            Ok(out)
        }
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if e == "ascii" { 128 } else { 256 };
            let mut out = vec![];
            for (i, c) in s.chars().enumerate() {
                if (c as u32) < limit {
                    out.push(c as u32 as u8);
                } else if errors == "replace" {
                    out.push(b'?');
                } else if errors == "ignore" {
                } else if errors == "backslashreplace" {
                    out.extend(escape_char(c).bytes());
                } else {
                    let name = if e == "ascii" { "ascii" } else { "latin-1" };
                    let esc = escape_char(c);
                    return Err(rt::new_exception(vm().t.unicode_encode_error, &format!("'{name}' codec can't encode character '{esc}' in position {i}: ordinal not in range({limit})")));
                }
            }
            Ok(out)
        }
        _ => Err(rt::new_exception(vm().t.lookup_error, &format!("unknown encoding: {enc}"))),
    }
}

pub fn decode(b: &[u8], enc: &str, errors: &str) -> PyResult<String> {
    let e = enc.to_lowercase().replace('_', "-");
    match e.as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(err) => {
                if errors == "replace" {
                    return Ok(String::from_utf8_lossy(b).to_string());
                }
                if errors == "ignore" {
                    return Ok(String::from_utf8_lossy(b).replace('\u{fffd}', ""));
                }
                let pos = err.valid_up_to();
                let byte = b[pos];
                let reason = if (0x80..0xc2).contains(&byte) || byte > 0xf4 { "invalid start byte" } else if err.error_len().is_none() { "unexpected end of data" } else { "invalid continuation byte" };
                Err(rt::new_exception(vm().t.unicode_decode_error, &format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}")))
            }
        },
        "ascii" => {
            for (i, &c) in b.iter().enumerate() {
                if c >= 128 {
                    return Err(rt::new_exception(vm().t.unicode_decode_error, &format!("'ascii' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)")));
                }
            }
            Ok(b.iter().map(|&c| c as char).collect())
        }
        "latin-1" | "latin1" | "iso-8859-1" => Ok(b.iter().map(|&c| c as char).collect()),
        _ => Err(rt::new_exception(vm().t.lookup_error, &format!("unknown encoding: {enc}"))),
    }
}

/// Unicode decimal digits (category Nd), approximated: numeric characters
/// that are not fractions, superscripts, subscripts, roman numerals or
/// enclosed numbers.
fn is_decimal(c: char) -> bool {
    if c.is_ascii_digit() {
        return true;
    }
    let n = c as u32;
    c.is_numeric() && n > 0x7f && !matches!(n, 0xb2 | 0xb3 | 0xb9 | 0xbc..=0xbe | 0x2070..=0x209f | 0x2150..=0x218f | 0x2460..=0x24ff | 0x2776..=0x2793 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303a | 0x3192..=0x3195 | 0x3220..=0x3229 | 0x3248..=0x324f | 0x3251..=0x325f | 0x3280..=0x3289 | 0x32b1..=0x32bf | 0x4e00..=0x9fff | 0x10107..=0x10133 | 0x1d360..=0x1d378)
}

fn is_all(s: &str, f: impl Fn(char) -> bool) -> Value {
    Value::bool(!s.is_empty() && s.chars().all(f))
}

pub fn register() {
    let t = vm().t.str_;
    method(t, "join", |a, _| {
        let sep = s_of(a[0])?;
        let items = iter::collect(*a.get(1).ok_or_else(|| rt::type_error("str.join() takes exactly one argument (0 given)".into()))?)?;
        let mut out = String::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            match rt::as_str(*x) {
                Some(s) => out.push_str(&s.s),
                None => return Err(rt::type_error(format!("sequence item {i}: expected str instance, {} found", rt::type_name(*x)))),
            }
        }
        Ok(rt::new_string(out))
    });
    method(t, "split", |a, k| {
        let s = s_of(a[0])?;
        let (sep, max) = split_args(a, k)?;
        Ok(strs(match sep {
            None => split_whitespace(s, max),
            Some(sep) => {
                if max < 0 {
                    s.split(sep.as_str()).map(String::from).collect()
                } else {
                    s.splitn(max as usize + 1, sep.as_str()).map(String::from).collect()
                }
            }
        }))
    });
    method(t, "rsplit", |a, k| {
        let s = s_of(a[0])?;
        let (sep, max) = split_args(a, k)?;
        Ok(strs(match sep {
            None => rsplit_whitespace(s, max),
            Some(sep) => {
                let mut v: Vec<String> = if max < 0 { s.rsplit(sep.as_str()).map(String::from).collect() } else { s.rsplitn(max as usize + 1, sep.as_str()).map(String::from).collect() };
                v.reverse();
                v
            }
        }))
    });
    method(t, "splitlines", |a, k| {
        let s = s_of(a[0])?;
        let keep = a.get(1).copied().or_else(|| kwarg(k, "keepends")).map(ops::truth).transpose()?.unwrap_or(false);
        let mut out = vec![];
        let mut cur = String::new();
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            let is_break = matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
            if is_break {
                let mut end = c.to_string();
                if c == '\r' && it.peek() == Some(&'\n') {
                    it.next();
                    end.push('\n');
                }
                if keep {
                    cur.push_str(&end);
                }
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        Ok(strs(out))
    });
    method(t, "strip", |a, _| strip_impl(a, true, true));
    method(t, "lstrip", |a, _| strip_impl(a, true, false));
    method(t, "rstrip", |a, _| strip_impl(a, false, true));
    method(t, "upper", |a, _| Ok(rt::new_string(s_of(a[0])?.to_uppercase())));
    method(t, "lower", |a, _| Ok(rt::new_string(s_of(a[0])?.to_lowercase())));
    method(t, "casefold", |a, _| Ok(rt::new_string(s_of(a[0])?.to_lowercase().replace('ß', "ss"))));
    method(t, "swapcase", |a, _| {
        Ok(rt::new_string(s_of(a[0])?.chars().flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() }).collect()))
    });
    method(t, "title", |a, _| Ok(rt::new_string(title(s_of(a[0])?))));
    method(t, "capitalize", |a, _| {
        let s = s_of(a[0])?;
        let mut c = s.chars();
        Ok(rt::new_string(match c.next() {
            Some(f) => titlecase(f) + &c.as_str().to_lowercase(),
            None => String::new(),
        }))
    });
    method(t, "replace", |a, _| {
        nargs("replace", &a[1..], 2, 3)?;
        let s = s_of(a[0])?;
        let old = arg_str(a[1], "replace() argument 1 ")?;
        let new = arg_str(a[2], "replace() argument 2 ")?;
        let count = a.get(3).map(|v| to_index(*v, "")).transpose()?.unwrap_or(-1);
        Ok(rt::new_string(if count < 0 { s.replace(old, new) } else { s.replacen(old, new, count as usize) }))
    });
    method(t, "find", |a, _| Ok(Value::int(find_impl(a, false)?)));
    method(t, "rfind", |a, _| Ok(Value::int(find_impl(a, true)?)));
    method(t, "index", |a, _| {
        let r = find_impl(a, false)?;
        if r < 0 {
            return Err(rt::value_error("substring not found".into()));
        }
        Ok(Value::int(r))
    });
    method(t, "rindex", |a, _| {
        let r = find_impl(a, true)?;
        if r < 0 {
            return Err(rt::value_error("substring not found".into()));
        }
        Ok(Value::int(r))
    });
    method(t, "count", |a, _| {
        let s = s_of(a[0])?;
        let sub = arg_str(*a.get(1).ok_or_else(|| rt::type_error("count() takes at least 1 argument (0 given)".into()))?, "must be str, not ")?;
        let (b, e) = range_of(s, a, 2)?;
        if b == usize::MAX {
            return Ok(Value::int(0));
        }
        let hay = &s[b..e];
        Ok(Value::int(if sub.is_empty() { chars_len(hay) as i64 + 1 } else { hay.matches(sub).count() as i64 }))
    });
    fn affix(a: &[Value], start: bool) -> PyResult<Value> {
        let s = s_of(a[0])?;
        let name = if start { "startswith" } else { "endswith" };
        let arg = *a.get(1).ok_or_else(|| rt::type_error(format!("{name}() takes at least 1 argument (0 given)")))?;
        let (b, e) = range_of(s, a, 2)?;
        if b == usize::MAX {
            return Ok(Value::FALSE);
        }
        let hay = &s[b..e];
        let test = |p: &str| if start { hay.starts_with(p) } else { hay.ends_with(p) };
        if let Some(t) = rt::as_tuple(arg) {
            for x in t {
                if test(arg_str(*x, "tuple for startswith must only contain str, not ")?) {
                    return Ok(Value::TRUE);
                }
            }
            return Ok(Value::FALSE);
        }
        match rt::as_str(arg) {
            Some(p) => Ok(Value::bool(test(&p.s))),
            None => Err(rt::type_error(format!("{name} first arg must be str or a tuple of str, not {}", rt::type_name(arg)))),
        }
    }
    method(t, "startswith", |a, _| affix(a, true));
    method(t, "endswith", |a, _| affix(a, false));
    method(t, "isdigit", |a, _| Ok(is_all(s_of(a[0])?, |c| is_decimal(c) || matches!(c, '²' | '³' | '¹' | '⁰'..='⁹' | '₀'..='₉' | '①'..='⑨'))));
    method(t, "isdecimal", |a, _| Ok(is_all(s_of(a[0])?, is_decimal)));
    method(t, "isnumeric", |a, _| Ok(is_all(s_of(a[0])?, |c| c.is_numeric())));
    method(t, "isalpha", |a, _| Ok(is_all(s_of(a[0])?, |c| c.is_alphabetic())));
    method(t, "isalnum", |a, _| Ok(is_all(s_of(a[0])?, |c| c.is_alphanumeric())));
    method(t, "isspace", |a, _| Ok(is_all(s_of(a[0])?, is_space)));
    method(t, "isascii", |a, _| Ok(Value::bool(s_of(a[0])?.is_ascii())));
    method(t, "isprintable", |a, _| Ok(Value::bool(s_of(a[0])?.chars().all(repr::is_printable))));
    method(t, "isupper", |a, _| {
        let s = s_of(a[0])?;
        Ok(Value::bool(s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())))
    });
    method(t, "islower", |a, _| {
        let s = s_of(a[0])?;
        Ok(Value::bool(s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())))
    });
    method(t, "istitle", |a, _| {
        let s = s_of(a[0])?;
        Ok(Value::bool(s.chars().any(|c| c.is_alphabetic()) && title(s) == s))
    });
    method(t, "isidentifier", |a, _| {
        let s = s_of(a[0])?;
        let mut c = s.chars();
        Ok(Value::bool(match c.next() {
            Some(f) => (f == '_' || f.is_alphabetic()) && c.all(|x| x == '_' || x.is_alphanumeric()),
            None => false,
        }))
    });
    method(t, "zfill", |a, _| {
        let s = s_of(a[0])?;
        let w = to_index(*a.get(1).ok_or_else(|| rt::type_error("zfill() takes exactly one argument (0 given)".into()))?, "")?.max(0) as usize;
        let n = chars_len(s);
        if n >= w {
            return Ok(rt::new_str(s));
        }
        let (sign, rest) = if s.starts_with(['+', '-']) { s.split_at(1) } else { ("", s) };
        Ok(rt::new_string(format!("{sign}{}{rest}", "0".repeat(w - n))))
    });
    method(t, "center", |a, _| {
        let s = s_of(a[0])?;
        let (w, fill) = pad_fill(a, "center")?;
        let n = chars_len(s);
        if n >= w {
            return Ok(rt::new_str(s));
        }
        let marg = w - n;
        let left = marg / 2 + (marg & w & 1);
        let f = fill.to_string();
        Ok(rt::new_string(format!("{}{}{}", f.repeat(left), s, f.repeat(marg - left))))
    });
    method(t, "ljust", |a, _| {
        let s = s_of(a[0])?;
        let (w, fill) = pad_fill(a, "ljust")?;
        let n = chars_len(s);
        Ok(rt::new_string(if n >= w { s.to_string() } else { format!("{}{}", s, fill.to_string().repeat(w - n)) }))
    });
    method(t, "rjust", |a, _| {
        let s = s_of(a[0])?;
        let (w, fill) = pad_fill(a, "rjust")?;
        let n = chars_len(s);
        Ok(rt::new_string(if n >= w { s.to_string() } else { format!("{}{}", fill.to_string().repeat(w - n), s) }))
    });
    method(t, "format", |a, k| Ok(rt::new_string(format::str_format(s_of(a[0])?, &a[1..], k)?)));
    method(t, "format_map", |a, _| {
        let d = *a.get(1).ok_or_else(|| rt::type_error("format_map() takes exactly one argument (0 given)".into()))?;
        let kw: Vec<(ObjRef, Value)> = rt::as_dict(d).map(|d| d.items().into_iter().map(|(k, v)| (rt::intern(rt::str_of(k)).objref(), v)).collect()).unwrap_or_default();
        Ok(rt::new_string(format::str_format(s_of(a[0])?, &[], &kw)?))
    });
    method(t, "encode", |a, k| {
        let enc = a.get(1).copied().or_else(|| kwarg(k, "encoding")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "utf-8".into());
        let errors = a.get(2).copied().or_else(|| kwarg(k, "errors")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "strict".into());
        Ok(rt::new_bytes(encode_with(s_of(a[0])?, &enc, &errors)?))
    });
    fn partition(a: &[Value], rev: bool) -> PyResult<Value> {
        let s = s_of(a[0])?;
        let sep = arg_str(*a.get(1).ok_or_else(|| rt::type_error("partition() takes exactly one argument (0 given)".into()))?, "must be str, not ")?;
        if sep.is_empty() {
            return Err(rt::value_error("empty separator".into()));
        }
        let r = if rev { s.rfind(sep) } else { s.find(sep) };
        Ok(match r {
            Some(i) => rt::new_tuple(vec![rt::new_str(&s[..i]), rt::new_str(sep), rt::new_str(&s[i + sep.len()..])]),
            None => {
                if rev {
                    rt::new_tuple(vec![rt::new_str(""), rt::new_str(""), rt::new_str(s)])
                } else {
                    rt::new_tuple(vec![rt::new_str(s), rt::new_str(""), rt::new_str("")])
                }
            }
        })
    }
    method(t, "partition", |a, _| partition(a, false));
    method(t, "rpartition", |a, _| partition(a, true));
    method(t, "removeprefix", |a, _| {
        let s = s_of(a[0])?;
        let p = arg_str(a[1], "")?;
        Ok(rt::new_str(s.strip_prefix(p).unwrap_or(s)))
    });
    method(t, "removesuffix", |a, _| {
        let s = s_of(a[0])?;
        let p = arg_str(a[1], "")?;
        Ok(rt::new_str(s.strip_suffix(p).unwrap_or(s)))
    });
    method(t, "expandtabs", |a, k| {
        let s = s_of(a[0])?;
        let ts = a.get(1).copied().or_else(|| kwarg(k, "tabsize")).map(|v| to_index(v, "")).transpose()?.unwrap_or(8);
        let mut out = String::new();
        let mut col = 0i64;
        for c in s.chars() {
            match c {
                '\t' => {
                    if ts > 0 {
                        let n = ts - col % ts;
                        out.push_str(&" ".repeat(n as usize));
                        col += n;
                    }
                }
                '\n' | '\r' => {
                    out.push(c);
                    col = 0;
                }
                _ => {
                    out.push(c);
                    col += 1;
                }
            }
        }
        Ok(rt::new_string(out))
    });
    method(t, "translate", |a, _| {
        let s = s_of(a[0])?;
        let table = a[1];
        let mut out = String::new();
        for c in s.chars() {
            match ops::getitem(table, Value::int(c as i64)) {
                Ok(v) => {
                    if v.is_none() {
                        continue;
                    }
                    if let Some(i) = v.as_int() {
                        out.push(char::from_u32(i as u32).unwrap_or(c));
                    } else {
                        out.push_str(rt::str_of(v));
                    }
                }
                Err(e) if types::isinstance(e.val(), vm().t.lookup_error) => out.push(c),
                Err(e) => return Err(e),
            }
        }
        Ok(rt::new_string(out))
    });
    method(t, "maketrans", |a, _| {
        // Called as str.maketrans(...) (unbound): no self.
        let d = rt::new_dict();
        let dd = rt::as_dict(d).expect("dict");
        if a.len() == 1 {
            for (k, v) in rt::as_dict(a[0]).map(|d| d.items()).unwrap_or_default() {
                let key = match rt::as_str(k) {
                    Some(s) => Value::int(s.s.chars().next().map(|c| c as i64).unwrap_or(0)),
                    None => k,
                };
                dd.set(key, v)?;
            }
            return Ok(d);
        }
        let x: Vec<char> = rt::str_of(a[0]).chars().collect();
        let y: Vec<char> = rt::str_of(a[1]).chars().collect();
        if x.len() != y.len() {
            return Err(rt::value_error("the first two maketrans arguments must have equal length".into()));
        }
        for (c, r) in x.iter().zip(y.iter()) {
            dd.set(Value::int(*c as i64), Value::int(*r as i64))?;
        }
        if let Some(z) = a.get(2) {
            for c in rt::str_of(*z).chars() {
                dd.set(Value::int(c as i64), Value::NONE)?;
            }
        }
        Ok(d)
    });
    // The maketrans entry is static: wrap it.
    let d = rt::as_dict(types::type_data(t).dict.val()).expect("dict");
    if let Some(f) = d.get_str(rt::intern("maketrans")) {
        let _ = d.set(rt::intern("maketrans"), rt::alloc(vm().t.staticmethod, Kind::StaticMethod(f)));
    }
    register_bytes();
    register_bytes_via_str();
}

fn b_of(v: Value) -> PyResult<Vec<u8>> {
    bytes_like(v).ok_or_else(|| rt::type_error(format!("a bytes-like object is required, not '{}'", rt::type_name(v))))
}

fn register_bytes() {
    for t in [vm().t.bytes, vm().t.bytearray] {
        method(t, "decode", |a, k| {
            let enc = a.get(1).copied().or_else(|| kwarg(k, "encoding")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "utf-8".into());
            let errors = a.get(2).copied().or_else(|| kwarg(k, "errors")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "strict".into());
            Ok(rt::new_string(decode(&b_of(a[0])?, &enc, &errors)?))
        });
        method(t, "hex", |a, _| Ok(rt::new_string(b_of(a[0])?.iter().map(|b| format!("{b:02x}")).collect())));
        method(t, "upper", |a, _| Ok(same_kind(a[0], b_of(a[0])?.to_ascii_uppercase())));
        method(t, "lower", |a, _| Ok(same_kind(a[0], b_of(a[0])?.to_ascii_lowercase())));
        method(t, "startswith", |a, _| Ok(Value::bool(b_of(a[0])?.starts_with(&b_of(a[1])?))));
        method(t, "endswith", |a, _| Ok(Value::bool(b_of(a[0])?.ends_with(&b_of(a[1])?))));
        method(t, "count", |a, _| {
            let h = b_of(a[0])?;
            let n = match a[1].as_int() {
                Some(i) => h.iter().filter(|&&c| c as i64 == i).count(),
                None => {
                    let p = b_of(a[1])?;
                    if p.is_empty() {
                        h.len() + 1
                    } else {
                        let mut c = 0;
                        let mut i = 0;
                        while i + p.len() <= h.len() {
                            if h[i..i + p.len()] == p[..] {
                                c += 1;
                                i += p.len();
                            } else {
                                i += 1;
                            }
                        }
                        c
                    }
                }
            };
            Ok(Value::int(n as i64))
        });
        method(t, "find", |a, _| {
            let h = b_of(a[0])?;
            let p = match a[1].as_int() {
                Some(i) => vec![i as u8],
                None => b_of(a[1])?,
            };
            Ok(Value::int(if p.is_empty() { 0 } else { h.windows(p.len()).position(|w| w == p.as_slice()).map(|i| i as i64).unwrap_or(-1) }))
        });
        method(t, "join", |a, _| {
            let sep = b_of(a[0])?;
            let mut out = vec![];
            for (i, x) in iter::collect(a[1])?.into_iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(&sep);
                }
                out.extend(b_of(x)?);
            }
            Ok(same_kind(a[0], out))
        });
        method(t, "split", |a, _| {
            let h = b_of(a[0])?;
            let parts: Vec<Vec<u8>> = match a.get(1).filter(|v| !v.is_none()) {
                None => h.split(|c| c.is_ascii_whitespace()).filter(|p| !p.is_empty()).map(|p| p.to_vec()).collect(),
                Some(sep) => {
                    let sep = b_of(*sep)?;
                    let mut out = vec![];
                    let mut start = 0;
                    let mut i = 0;
                    while i + sep.len() <= h.len() && !sep.is_empty() {
                        if h[i..i + sep.len()] == sep[..] {
                            out.push(h[start..i].to_vec());
                            i += sep.len();
                            start = i;
                        } else {
                            i += 1;
                        }
                    }
                    out.push(h[start..].to_vec());
                    out
                }
            };
            Ok(rt::new_list(parts.into_iter().map(|p| same_kind(a[0], p)).collect()))
        });
        method(t, "strip", |a, _| {
            let h = b_of(a[0])?;
            let s = h.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(h.len());
            let e = h.iter().rposition(|c| !c.is_ascii_whitespace()).map(|i| i + 1).unwrap_or(s);
            Ok(same_kind(a[0], h[s..e.max(s)].to_vec()))
        });
        method(t, "replace", |a, _| {
            let h = b_of(a[0])?;
            let old = b_of(a[1])?;
            let new = b_of(a[2])?;
            let s = String::from_utf8_lossy(&h).to_string();
            if let (Ok(o), Ok(n)) = (String::from_utf8(old.clone()), String::from_utf8(new.clone())) {
                if h.is_ascii() {
                    return Ok(same_kind(a[0], s.replace(&o, &n).into_bytes()));
                }
            }
            Ok(same_kind(a[0], h))
        });
    }
    let ba = vm().t.bytearray;
    method(ba, "append", |a, _| {
        let v = a[1].as_int().filter(|v| (0..256).contains(v)).ok_or_else(|| rt::value_error("byte must be in range(0, 256)".into()))?;
        if let Some(Kind::ByteArray(b)) = rt::kind(ops::unwrap_base(a[0])) {
            b.push(v as u8);
        }
        Ok(Value::NONE)
    });
    method(ba, "extend", |a, _| {
        let items: Vec<u8> = match bytes_like(a[1]) {
            Some(b) => b,
            None => iter::collect(a[1])?.iter().map(|v| v.as_int().unwrap_or(0) as u8).collect(),
        };
        if let Some(Kind::ByteArray(b)) = rt::kind(ops::unwrap_base(a[0])) {
            b.extend(items);
        }
        Ok(Value::NONE)
    });
    method(ba, "pop", |a, _| {
        if let Some(Kind::ByteArray(b)) = rt::kind(ops::unwrap_base(a[0])) {
            return b.pop().map(|x| Value::int(x as i64)).ok_or_else(|| rt::index_error("pop from empty bytearray"));
        }
        Ok(Value::NONE)
    });
    let bytes_t = vm().t.bytes;
    method(bytes_t, "fromhex", |a, _| {
        let s = rt::str_of(*a.last().unwrap_or(&Value::NONE));
        let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut out = vec![];
        let cs: Vec<char> = clean.chars().collect();
        for (i, pair) in cs.chunks(2).enumerate() {
            let txt: String = pair.iter().collect();
            out.push(u8::from_str_radix(&txt, 16).map_err(|_| rt::value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i * 2)))?);
        }
        Ok(rt::new_bytes(out))
    });
    let d = rt::as_dict(types::type_data(bytes_t).dict.val()).expect("dict");
    if let Some(f) = d.get_str(rt::intern("fromhex")) {
        let _ = d.set(rt::intern("fromhex"), rt::alloc(vm().t.classmethod, Kind::ClassMethod(f)));
    }
}

fn latin1(b: &[u8]) -> Value {
    rt::new_string(b.iter().map(|&c| c as char).collect())
}

fn to_latin1_bytes(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

/// A bytes method computed by the str method of the same name on the
/// Latin-1 decoding of the bytes (results are encoded back).
fn via_str(a: &[Value], k: Kw, name: &'static str) -> PyResult<Value> {
    let this = a[0];
    let conv = |v: Value| -> Value {
        match bytes_like(v) {
            Some(b) => latin1(&b),
            None => {
                if let Some(t) = rt::as_tuple(v) {
                    let items: Vec<Value> = t.iter().map(|x| bytes_like(*x).map(|b| latin1(&b)).unwrap_or(*x)).collect();
                    return rt::new_tuple(items);
                }
                v
            }
        }
    };
    let args: Vec<Value> = a.iter().map(|v| conv(*v)).collect();
    let m = types::lookup_str(vm().t.str_, name).ok_or_else(|| rt::attribute_error(format!("'bytes' object has no attribute '{name}'")))?;
    let r = call::call(m, &args, k)?;
    let back = |v: Value| -> Value {
        match rt::as_str(v) {
            Some(s) => same_kind(this, to_latin1_bytes(&s.s)),
            None => v,
        }
    };
    if let Some(l) = rt::as_list(r) {
        let items: Vec<Value> = l.iter().map(|x| back(*x)).collect();
        return Ok(rt::new_list(items));
    }
    if let Some(t) = rt::as_tuple(r) {
        let items: Vec<Value> = t.iter().map(|x| back(*x)).collect();
        return Ok(rt::new_tuple(items));
    }
    Ok(back(r))
}

pub fn register_bytes_via_str() {
    macro_rules! via {
        ($($name:literal),*) => {$(
            for t in [vm().t.bytes, vm().t.bytearray] {
                method(t, $name, |a, k| via_str(a, k, $name));
            }
        )*};
    }
    via!("split", "rsplit", "strip", "lstrip", "rstrip", "partition", "rpartition", "center", "ljust", "rjust", "zfill", "title",
         "capitalize", "swapcase", "isalpha", "isdigit", "isalnum", "isspace", "isupper", "islower", "istitle", "expandtabs",
         "splitlines", "index", "rindex", "rfind", "removeprefix", "removesuffix", "startswith", "endswith", "count", "find", "replace");
    let ba = vm().t.bytearray;
    method(ba, "reverse", |a, _| {
        if let Some(Kind::ByteArray(b)) = rt::kind(ops::unwrap_base(a[0])) {
            b.reverse();
        }
        Ok(Value::NONE)
    });
    method(ba, "insert", |a, _| {
        if let Some(Kind::ByteArray(b)) = rt::kind(ops::unwrap_base(a[0])) {
            let n = b.len() as i64;
            let mut i = to_index(a[1], "")?;
            if i < 0 {
                i = (i + n).max(0);
            }
            b.insert(i.min(n) as usize, a[2].as_int().unwrap_or(0) as u8);
        }
        Ok(Value::NONE)
    });
    method(ba, "clear", |a, _| {
        if let Some(Kind::ByteArray(b)) = rt::kind(ops::unwrap_base(a[0])) {
            b.clear();
        }
        Ok(Value::NONE)
    });
    for t in [vm().t.bytes, vm().t.bytearray] {
        method(t, "hex", |a, _| {
            let b = b_of(a[0])?;
            let sep = a.get(1).map(|s| rt::str_of(*s).to_string());
            let parts: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            Ok(rt::new_string(match sep {
                Some(s) => parts.join(&s),
                None => parts.concat(),
            }))
        });
        method(t, "translate", |a, _| {
            let b = b_of(a[0])?;
            let table = if a[1].is_none() { None } else { Some(b_of(a[1])?) };
            let delete = a.get(2).map(|d| b_of(*d)).transpose()?.unwrap_or_default();
            let out: Vec<u8> = b.iter().filter(|c| !delete.contains(c)).map(|&c| table.as_ref().map(|t| t[c as usize]).unwrap_or(c)).collect();
            Ok(same_kind(a[0], out))
        });
        method(t, "maketrans", |a, _| {
            let (x, y) = (b_of(a[a.len() - 2])?, b_of(a[a.len() - 1])?);
            if x.len() != y.len() {
                return Err(rt::value_error("maketrans arguments must have same length".into()));
            }
            let mut table: Vec<u8> = (0..=255u8).collect();
            for (f, to) in x.iter().zip(y.iter()) {
                table[*f as usize] = *to;
            }
            Ok(rt::new_bytes(table))
        });
        let d = rt::as_dict(types::type_data(t).dict.val()).expect("dict");
        if let Some(f) = d.get_str(rt::intern("maketrans")) {
            let _ = d.set(rt::intern("maketrans"), rt::alloc(vm().t.staticmethod, Kind::StaticMethod(f)));
        }
    }
}

fn same_kind(like: Value, b: Vec<u8>) -> Value {
    match rt::kind(ops::unwrap_base(like)) {
        Some(Kind::ByteArray(_)) => rt::alloc(vm().t.bytearray, Kind::ByteArray(b)),
        _ => rt::new_bytes(b),
    }
}
