//! Sets with CPython's open-addressing table, so that iteration order
//! (visible when sets of ints are printed) matches CPython's.

use super::{dict::keys_equal, hash::hash_value, PyResult};
use crate::value::Value;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
/// A deleted slot's key.
const DUMMY: Value = Value { tag: 0, payload: 1 };

#[derive(Clone)]
pub struct Set {
    table: Vec<(i64, Value)>,
    fill: usize,
    used: usize,
    /// Where `pop` continues searching (CPython's `finger`).
    finger: usize,
}

impl Default for Set {
    fn default() -> Set {
        Set { table: vec![(0, Value::NULL); 8], fill: 0, used: 0, finger: 0 }
    }
}

fn is_empty_slot(e: &(i64, Value)) -> bool {
    e.1.is_null() && e.1.payload == 0
}
fn is_dummy(e: &(i64, Value)) -> bool {
    e.1 == DUMMY
}
fn is_active(e: &(i64, Value)) -> bool {
    !e.1.is_null()
}

impl Set {
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    pub fn table_len(&self) -> usize {
        self.table.len()
    }
    pub fn entry_at(&self, i: usize) -> Option<Value> {
        self.table.get(i).and_then(|e| if is_active(e) { Some(e.1) } else { None })
    }
    pub fn trace(&self, t: &mut kiln::gc::Tracer) {
        crate::object::note_traced(2 * self.table.len());
        for e in &self.table {
            if is_active(e) {
                super::mark(t, e.1);
            }
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        self.table.iter().filter(|e| is_active(e)).map(|e| e.1)
    }
    pub fn items(&self) -> Vec<Value> {
        self.iter().collect()
    }
    pub fn hashed_items(&self) -> Vec<(i64, Value)> {
        self.table.iter().filter(|e| is_active(e)).copied().collect()
    }

    pub fn add(&mut self, key: Value) -> PyResult<()> {
        let h = hash_value(key)?;
        self.add_hashed(key, h)
    }

    pub fn add_hashed(&mut self, key: Value, hash: i64) -> PyResult<()> {
        let mask = self.table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                let e = self.table[j];
                if is_dummy(&e) && freeslot.is_none() {
                    freeslot = Some(j);
                }
                if is_empty_slot(&e) {
                    if let Some(f) = freeslot {
                        self.table[f] = (hash, key);
                        self.used += 1;
                        return Ok(());
                    }
                    self.table[j] = (hash, key);
                    self.fill += 1;
                    self.used += 1;
                    if self.fill * 5 >= mask * 3 {
                        self.resize(if self.used > 50000 { self.used * 2 } else { self.used * 4 });
                    }
                    return Ok(());
                }
                if is_active(&e) && e.0 == hash && (e.1.is(key) || keys_equal(e.1, key)?) {
                    return Ok(());
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn find(&self, key: Value, hash: i64) -> PyResult<Option<usize>> {
        let mask = self.table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                let e = self.table[j];
                if is_empty_slot(&e) {
                    return Ok(None);
                }
                if is_active(&e) && e.0 == hash && (e.1.is(key) || keys_equal(e.1, key)?) {
                    return Ok(Some(j));
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    pub fn contains(&self, key: Value) -> PyResult<bool> {
        let h = hash_value(key)?;
        Ok(self.find(key, h)?.is_some())
    }

    pub fn contains_hashed(&self, key: Value, h: i64) -> PyResult<bool> {
        Ok(self.find(key, h)?.is_some())
    }

    pub fn remove(&mut self, key: Value) -> PyResult<bool> {
        let h = hash_value(key)?;
        match self.find(key, h)? {
            Some(j) => {
                self.table[j] = (-1, DUMMY);
                self.used -= 1;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = 8;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![(0, Value::NULL); newsize]);
        self.fill = self.used;
        let mask = newsize - 1;
        for e in old {
            if is_active(&e) {
                self.insert_clean(mask, e.1, e.0);
            }
        }
    }

    fn insert_clean(&mut self, mask: usize, key: Value, hash: i64) {
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if is_empty_slot(&self.table[i]) {
                self.table[i] = (hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if is_empty_slot(&self.table[i + j]) {
                        self.table[i + j] = (hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// set.update(other_set) with CPython's `set_merge` behaviour.
    pub fn merge(&mut self, other: &Set) -> PyResult<()> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= (self.table.len() - 1) * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.table.len() == other.table.len() && other.fill == other.used {
            for (i, e) in other.table.iter().enumerate() {
                if is_active(e) {
                    self.table[i] = *e;
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            let mask = self.table.len() - 1;
            for e in other.table.iter() {
                if is_active(e) {
                    self.insert_clean(mask, e.1, e.0);
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return Ok(());
        }
        for e in other.hashed_items() {
            self.add_hashed(e.1, e.0)?;
        }
        Ok(())
    }

    /// Adds the keys of a dict, as CPython's set_update_internal does.
    pub fn update_from_dict(&mut self, keys: &[(i64, Value)]) -> PyResult<()> {
        if (self.fill + keys.len()) * 5 >= (self.table.len() - 1) * 3 {
            self.resize((self.used + keys.len()) * 2);
        }
        for &(h, k) in keys {
            self.add_hashed(k, h)?;
        }
        Ok(())
    }

    pub fn clear(&mut self) {
        *self = Set::default();
    }

    /// Removes an arbitrary element (CPython's set.pop order).
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut i = self.finger & mask;
        while !is_active(&self.table[i]) {
            i = (i + 1) & mask;
        }
        let v = self.table[i].1;
        self.table[i] = (-1, DUMMY);
        self.used -= 1;
        self.finger = i + 1;
        Some(v)
    }
}
