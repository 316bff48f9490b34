//! The `collections` module: deque, defaultdict, Counter and OrderedDict
//! (built-in types), and namedtuple (written in Python, run at import).

use super::*;

const NAMEDTUPLE_SRC: &str = r#"
def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = tuple(map(str, field_names))
    typename = str(typename)
    num_fields = len(field_names)
    arg_list = ', '.join(field_names)
    if num_fields == 1:
        arg_list += ','
    namespace = {'_tuple_new': tuple.__new__, '__name__': f'namedtuple_{typename}'}
    exec(f'def __new__(_cls, {arg_list}): return _tuple_new(_cls, ({arg_list}))', namespace)
    __new__ = namespace['__new__']
    __new__.__qualname__ = f'{typename}.__new__'
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        __new__.__defaults__ = defaults
        field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults)))))
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
        return result
    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result
    def __repr__(self):
        return self.__class__.__name__ + '(' + ', '.join([f'{n}={v!r}' for n, v in zip(field_names, self)]) + ')'
    def _asdict(self):
        return dict(zip(self._fields, self))
    def __getnewargs__(self):
        return tuple(self)
    class_namespace = {
        '__doc__': f'{typename}({arg_list})',
        '_fields': field_names,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': field_names,
    }
    for index, name in enumerate(field_names):
        class_namespace[name] = property(_itemgetter(index), doc=f'Alias for field number {index}')
    if module is None:
        module = _caller_module()
    class_namespace['__module__'] = module
    return type(typename, (tuple,), class_namespace)
"#;

pub fn init() -> PyResult<Value> {
    let (m, d) = new_module("collections");
    let t = &vm().t;
    add_value(d, "deque", t.deque.val());
    add_value(d, "defaultdict", t.defaultdict.val());
    add_value(d, "Counter", t.counter.val());
    add_value(d, "OrderedDict", t.ordereddict.val());
    add_fn(d, "_itemgetter", "collections", |a, _| Ok(rt::alloc(vm().t.itemgetter, Kind::ItemGetter(a.to_vec()))));
    add_fn(d, "_caller_module", "collections", |_, _| {
        let frames = &vm().frames;
        let f = frames.len().checked_sub(2).and_then(|i| frames.get(i));
        Ok(f.and_then(|f| rt::as_dict(f.globals.val()).and_then(|g| g.get_str(rt::intern("__name__")))).unwrap_or(rt::new_str("__main__")))
    });
    crate::run_module_source(NAMEDTUPLE_SRC, "<collections>", d, false)?;
    Ok(m)
}

/// sys.version_info: a tuple subclass with named fields.
pub fn make_version_info() -> Value {
    let ns = rt::new_dict();
    let nsd = rt::as_dict(ns).expect("dict");
    for (i, name) in ["major", "minor", "micro", "releaselevel", "serial"].iter().enumerate() {
        let getter = rt::alloc(vm().t.itemgetter, Kind::ItemGetter(vec![Value::int(i as i64)]));
        let p = rt::alloc(vm().t.property, Kind::Property(Box::new(crate::object::Property { fget: getter, fset: Value::NONE, fdel: Value::NONE, doc: Value::NONE, name: rt::intern(name) })));
        let _ = nsd.set(rt::intern(name), p);
    }
    let _ = nsd.set(rt::intern("__module__"), rt::new_str("sys"));
    let cls = match crate::builtins::create_class("version_info", &[vm().t.tuple.val()], ns, &[]) {
        Ok(c) => c,
        Err(_) => return Value::NONE,
    };
    let items = vec![Value::int(3), Value::int(11), Value::int(7), rt::new_str("final"), Value::int(0)];
    match rt::call::new_object_of(cls.objref(), &[rt::new_tuple(items)], &[]) {
        Ok(v) => v,
        Err(_) => Value::NONE,
    }
}
