//! The `functools` module: reduce, partial, lru_cache/cache (a built-in
//! wrapper, so cached calls add no frames), and wraps, total_ordering and
//! cmp_to_key written in Python.

use super::*;
use crate::runtime::{call, iter, ops};

const FUNCTOOLS_SRC: &str = r#"
WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__')
def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=('__dict__',)):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    wrapper.__wrapped__ = wrapped
    return wrapper
def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=('__dict__',)):
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator
def cmp_to_key(mycmp):
    class K(object):
        __slots__ = ['obj']
        def __init__(self, obj):
            self.obj = obj
        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0
        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0
        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0
        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0
        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0
        __hash__ = None
    return K
def _gt_from_lt(self, other):
    r = type(self).__lt__(self, other)
    if r is NotImplemented:
        return r
    return not r and self != other
def _le_from_lt(self, other):
    r = type(self).__lt__(self, other)
    if r is NotImplemented:
        return r
    return r or self == other
def _ge_from_lt(self, other):
    r = type(self).__lt__(self, other)
    if r is NotImplemented:
        return r
    return not r
def _ge_from_le(self, other):
    r = type(self).__le__(self, other)
    if r is NotImplemented:
        return r
    return not r or self == other
def _lt_from_le(self, other):
    r = type(self).__le__(self, other)
    if r is NotImplemented:
        return r
    return r and self != other
def _gt_from_le(self, other):
    r = type(self).__le__(self, other)
    if r is NotImplemented:
        return r
    return not r
def _lt_from_gt(self, other):
    r = type(self).__gt__(self, other)
    if r is NotImplemented:
        return r
    return not r and self != other
def _ge_from_gt(self, other):
    r = type(self).__gt__(self, other)
    if r is NotImplemented:
        return r
    return r or self == other
def _le_from_gt(self, other):
    r = type(self).__gt__(self, other)
    if r is NotImplemented:
        return r
    return not r
def _le_from_ge(self, other):
    r = type(self).__ge__(self, other)
    if r is NotImplemented:
        return r
    return not r or self == other
def _gt_from_ge(self, other):
    r = type(self).__ge__(self, other)
    if r is NotImplemented:
        return r
    return r and self != other
def _lt_from_ge(self, other):
    r = type(self).__ge__(self, other)
    if r is NotImplemented:
        return r
    return not r
_convert = {
    '__lt__': [('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)],
    '__le__': [('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)],
    '__gt__': [('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)],
    '__ge__': [('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)],
}
def total_ordering(cls):
    roots = {op for op in _convert if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)
    for opname, opfunc in _convert[root]:
        if opname not in roots:
            setattr(cls, opname, opfunc)
    return cls
def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, bool):
        return _lru_wrap(maxsize, 128)
    if maxsize is not None and not isinstance(maxsize, int):
        raise TypeError('Expected first argument to be an integer, a callable, or None')
    def decorating_function(user_function):
        return _lru_wrap(user_function, maxsize)
    return decorating_function
def cache(user_function):
    return _lru_wrap(user_function, None)
"#;

pub fn init() -> PyResult<Value> {
    let (m, d) = new_module("functools");
    add_fn(d, "reduce", "functools", |a, _| {
        crate::builtins::nargs("reduce", a, 2, 3)?;
        let it = iter::get_iter(a[1])?;
        let mut acc = match a.get(2) {
            Some(v) => *v,
            None => match iter::next(it)? {
                Some(v) => v,
                None => return Err(rt::type_error("reduce() of empty iterable with no initial value".into())),
            },
        };
        while let Some(x) = iter::next(it)? {
            acc = call::call(a[0], &[acc, x], &[])?;
        }
        Ok(acc)
    });
    add_fn(d, "partial", "functools", |a, k| {
        let f = *a.first().ok_or_else(|| rt::type_error("type 'partial' takes at least one argument".into()))?;
        if !crate::builtins::is_callable(f) {
            return Err(rt::type_error("the first argument must be callable".into()));
        }
        Ok(rt::alloc(vm().t.partial, Kind::Partial { func: f, args: a[1..].to_vec(), kwargs: k.to_vec() }))
    });
    add_fn(d, "_lru_wrap", "functools", |a, _| {
        let maxsize = if a[1].is_none() { None } else { Some(a[1].as_int().unwrap_or(128).max(0) as usize) };
        let cache = rt::new_dict().objref();
        Ok(rt::alloc(vm().t.lru_wrapper, Kind::Cached { func: a[0], cache, hits: 0, misses: 0, maxsize, order: Default::default() }))
    });
    crate::run_module_source(FUNCTOOLS_SRC, "<functools>", d, false)?;
    // CacheInfo needs namedtuple.
    let coll = import_module("collections")?;
    let nt = attr::getattr(coll, rt::intern("namedtuple"))?;
    let ci = call::call(nt, &[rt::new_str("CacheInfo"), rt::new_str("hits misses maxsize currsize")], &[(rt::intern("module").objref(), rt::new_str("functools"))])?;
    add_value(d, "_CacheInfo", ci);
    let lw = vm().t.lru_wrapper;
    crate::builtins::method(lw, "cache_info", |a, _| {
        let Some(Kind::Cached { cache, hits, misses, maxsize, .. }) = rt::kind(a[0]) else { return Ok(Value::NONE) };
        let (cache, hits, misses, maxsize) = (*cache, *hits, *misses, *maxsize);
        let ci = import_module("functools").and_then(|m| attr::getattr(m, rt::intern("_CacheInfo")))?;
        let size = rt::as_dict(cache.val()).map(|d| d.len()).unwrap_or(0);
        call::call(ci, &[Value::int(hits as i64), Value::int(misses as i64), maxsize.map(|m| Value::int(m as i64)).unwrap_or(Value::NONE), Value::int(size as i64)], &[])
    });
    crate::builtins::method(lw, "cache_clear", |a, _| {
        if let Some(Kind::Cached { cache, hits, misses, .. }) = rt::kind(a[0]) {
            if let Some(d) = rt::as_dict(cache.val()) {
                d.clear();
            }
            *hits = 0;
            *misses = 0;
        }
        Ok(Value::NONE)
    });
    Ok(m)
}

/// Calls an lru_cache wrapper.
pub fn call_cached(o: ObjRef, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<Value> {
    let Kind::Cached { func, cache, .. } = &o.get().kind else { unreachable!() };
    let (func, cache) = (*func, *cache);
    let mut key: Vec<Value> = args.to_vec();
    if !kwargs.is_empty() {
        key.push(rt::new_str("\u{0}kwmark"));
        for (k, v) in kwargs {
            key.push(k.val());
            key.push(*v);
        }
    }
    let key = if key.len() == 1 && (key[0].as_int().is_some() || rt::as_str(key[0]).is_some()) { key[0] } else { rt::new_tuple(key) };
    let d = rt::as_dict(cache.val()).expect("cache dict");
    if let Some(v) = d.get(key)? {
        if let Kind::Cached { hits, maxsize, .. } = &mut o.get().kind {
            *hits += 1;
            if maxsize.is_some() {
                d.move_to_end(key, true)?;
            }
        }
        return Ok(v);
    }
    if let Kind::Cached { misses, .. } = &mut o.get().kind {
        *misses += 1;
    }
    let v = rt::with_root(key, || call::call(func, args, kwargs))?;
    let d = rt::as_dict(cache.val()).expect("cache dict");
    d.set(key, v)?;
    if let Kind::Cached { maxsize: Some(m), .. } = &o.get().kind {
        let m = *m;
        while d.len() > m {
            let first = d.iter().next().map(|(k, _)| k);
            match first {
                Some(k) => {
                    d.remove(k)?;
                }
                None => break,
            }
        }
    }
    let _ = ops::truth;
    Ok(v)
}
