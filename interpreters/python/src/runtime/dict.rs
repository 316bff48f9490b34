//! Insertion-ordered hash table keyed by Python values (dicts, type dicts,
//! module globals, instance `__dict__`s, keyword arguments).

use super::{hash::hash_value, ops, PyResult};
use crate::value::{Value, T_OBJ};
use crate::object::Kind;

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

#[derive(Default, Clone)]
pub struct Dict {
    entries: Vec<(i64, Value, Value)>,
    indices: Vec<u32>,
    used: usize,
    /// defaultdict's default_factory (NULL for other dicts).
    pub default_factory: Value,
    /// Changes whenever a key is added or removed (entry positions may
    /// change), and, in a watched dict, when an entry is rebound for the
    /// first time; inline caches of global lookups check it, and traces read
    /// it as a quasi-immutable field.
    pub version: u64,
    /// Per entry: rebound since it was added. Traces treat an entry that was
    /// never rebound as a constant (a module's functions and classes), and
    /// read the others from memory (globals a program updates).
    mutable: Vec<bool>,
    /// Traces depend on this dict's version: every change of it must
    /// invalidate them.
    pub watched: bool,
}

/// Key equality as dicts use it: identity first, then `==`.
pub fn keys_equal(a: Value, b: Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if a.tag == T_OBJ && b.tag == T_OBJ {
        if let (Kind::Str(x), Kind::Str(y)) = (&a.objref().get().kind, &b.objref().get().kind) {
            return Ok(x.s == y.s);
        }
    }
    ops::eq(a, b)
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }
    /// Offset of the entry vector in a `Dict` (for trace descriptors).
    pub fn entries_offset() -> usize {
        std::mem::offset_of!(Dict, entries)
    }
    /// Offset of the version in a `Dict` (for trace descriptors).
    pub fn version_offset() -> usize {
        std::mem::offset_of!(Dict, version)
    }
    /// Size of an entry and offset of its value (for trace descriptors).
    pub fn entry_layout() -> (usize, usize) {
        let e: (i64, Value, Value) = (0, Value::NULL, Value::NULL);
        (std::mem::size_of::<(i64, Value, Value)>(), &e.2 as *const Value as usize - &e as *const _ as usize)
    }
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    /// Size of the entry array (iterators walk it by index).
    pub fn capacity_index(&self) -> usize {
        self.entries.len()
    }
    /// Position of an interned-string key in the entry array.
    pub fn position_str(&self, key: Value) -> Option<usize> {
        let target = self.get_str(key)?;
        let _ = target;
        self.entries.iter().position(|e| e.1.is(key) || (!e.1.is_null() && super::as_str(e.1).map(|s| &*s.s == super::str_of(key)).unwrap_or(false)))
    }
    /// Replaces the value at an entry position (from `position_str`).
    #[inline]
    pub fn set_value_at(&mut self, i: usize, v: Value) -> bool {
        match self.entries.get(i) {
            Some(e) if !e.1.is_null() => {
                self.rebind(i, v);
                true
            }
            _ => false,
        }
    }
    /// The value at an entry position (from `position_str`).
    #[inline]
    pub fn value_at(&self, i: usize) -> Value {
        self.entries.get(i).map(|e| e.2).unwrap_or(Value::NULL)
    }
    pub fn entry_at(&self, i: usize) -> Option<(Value, Value)> {
        self.entries.get(i).and_then(|e| if e.1.is_null() { None } else { Some((e.1, e.2)) })
    }
    pub fn trace(&self, t: &mut kiln::gc::Tracer) {
        super::mark(t, self.default_factory);
        crate::object::note_traced(3 * self.entries.len());
        for (_, k, v) in &self.entries {
            super::mark(t, *k);
            super::mark(t, *v);
        }
    }

    /// (index slot, entry index) of `key`.
    fn find(&self, key: Value, hash: i64) -> PyResult<(usize, Option<usize>)> {
        if self.indices.is_empty() {
            return Ok((0, None));
        }
        let mask = self.indices.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut free: Option<usize> = None;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return Ok((free.unwrap_or(i), None));
            }
            if ix == DUMMY {
                if free.is_none() {
                    free = Some(i);
                }
            } else {
                let (h, k, _) = self.entries[ix as usize];
                if h == hash && (k.is(key) || keys_equal(k, key)?) {
                    return Ok((i, Some(ix as usize)));
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    pub fn get(&self, key: Value) -> PyResult<Option<Value>> {
        let h = hash_value(key)?;
        self.get_hashed(key, h)
    }

    pub fn get_hashed(&self, key: Value, h: i64) -> PyResult<Option<Value>> {
        Ok(self.find(key, h)?.1.map(|e| self.entries[e].2))
    }

    /// Lookup of an interned string key (never raises: string keys compare
    /// without calling Python, other keys are skipped).
    pub fn get_str(&self, key: Value) -> Option<Value> {
        if self.indices.is_empty() {
            return None;
        }
        let h = super::hash::str_hash(super::as_str(key)?);
        let mask = self.indices.len() - 1;
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix != DUMMY {
                let (eh, k, v) = self.entries[ix as usize];
                if eh == h && (k.is(key) || super::as_str(k).map(|s| s.s == super::str_of(key).into()).unwrap_or(false)) {
                    return Some(v);
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    pub fn contains(&self, key: Value) -> PyResult<bool> {
        Ok(self.get(key)?.is_some())
    }

    pub fn set(&mut self, key: Value, value: Value) -> PyResult<()> {
        let h = hash_value(key)?;
        self.set_hashed(key, h, value)
    }

    pub fn set_hashed(&mut self, key: Value, h: i64, value: Value) -> PyResult<()> {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.resize();
        }
        let (slot, found) = self.find(key, h)?;
        match found {
            Some(e) => self.rebind(e, value),
            None => {
                // A key compare may have resized the table meanwhile: look again.
                let slot = if self.indices.get(slot).is_some_and(|&x| x == EMPTY || x == DUMMY) { slot } else { self.find(key, h)?.0 };
                self.indices[slot] = self.entries.len() as u32;
                self.entries.push((h, key, value));
                self.mutable.push(false);
                self.used += 1;
                self.bump();
            }
        }
        Ok(())
    }

    /// A new version: entry positions or constness changed.
    fn bump(&mut self) {
        self.version += 1;
        if self.watched {
            static VERSION: std::sync::OnceLock<&'static kiln::ir::FieldDescr> = std::sync::OnceLock::new();
            let d = VERSION.get_or_init(|| crate::interp::layout::layouts().dict_version);
            kiln::quasi_immut_changed(self as *const Dict as usize, d);
        }
    }

    /// Stores into an existing entry; its first rebinding makes it mutable.
    #[inline]
    fn rebind(&mut self, e: usize, value: Value) {
        self.entries[e].2 = value;
        if !self.mutable[e] {
            self.mutable[e] = true;
            if self.watched {
                self.bump();
            }
        }
    }

    /// Whether the entry at `i` was rebound since it was added.
    pub fn is_mutable_at(&self, i: usize) -> bool {
        self.mutable.get(i).copied().unwrap_or(true)
    }

    fn resize(&mut self) {
        self.bump();
        let mut size = 8;
        while size * 2 < (self.used + 1) * 3 {
            size *= 2;
        }
        let mut entries = Vec::with_capacity(self.used + 1);
        let mut mutable = Vec::with_capacity(self.used + 1);
        for (e, m) in self.entries.drain(..).zip(self.mutable.drain(..)) {
            if !e.1.is_null() {
                entries.push(e);
                mutable.push(m);
            }
        }
        self.entries = entries;
        self.mutable = mutable;
        self.indices = vec![EMPTY; size];
        let mask = size - 1;
        for (n, e) in self.entries.iter().enumerate() {
            let mut i = (e.0 as u64 as usize) & mask;
            let mut perturb = e.0 as u64;
            while self.indices[i] != EMPTY {
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
            }
            self.indices[i] = n as u32;
        }
    }

    pub fn remove(&mut self, key: Value) -> PyResult<Option<Value>> {
        let h = hash_value(key)?;
        let (slot, found) = self.find(key, h)?;
        Ok(found.map(|e| {
            self.indices[slot] = DUMMY;
            self.bump();
            let v = self.entries[e].2;
            self.entries[e] = (0, Value::NULL, Value::NULL);
            self.used -= 1;
            v
        }))
    }

    pub fn clear(&mut self) {
        self.bump();
        self.entries.clear();
        self.mutable.clear();
        self.indices.clear();
        self.used = 0;
    }

    pub fn iter(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.entries.iter().filter(|e| !e.1.is_null()).map(|e| (e.1, e.2))
    }
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.0).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.1).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().collect()
    }
    /// Removes and returns the last item.
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(e) = self.entries.last().copied() {
            if e.1.is_null() {
                self.entries.pop();
                self.mutable.pop();
                continue;
            }
            let _ = self.remove(e.1);
            return Some((e.1, e.2));
        }
        None
    }
    /// Moves `key` to the end (OrderedDict.move_to_end).
    pub fn move_to_end(&mut self, key: Value, last: bool) -> PyResult<bool> {
        let Some(v) = self.remove(key)? else { return Ok(false) };
        if last {
            self.set(key, v)?;
        } else {
            let mut items = vec![(key, v)];
            items.extend(self.items());
            self.clear();
            for (k, v) in items {
                self.set(k, v)?;
            }
        }
        Ok(true)
    }
}
