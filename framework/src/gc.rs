//! A precise, non-moving mark-and-sweep garbage collector that works the
//! same on native targets and on wasm32 (it never scans the machine stack).
//!
//! Collections happen only when the interpreter asks for one, at a safe
//! point where every live reference is reachable from the roots it reports
//! (its frame stack, globals, temporary root stacks) or from the JIT's own
//! roots (constants baked into compiled traces). Allocation never collects:
//! it only sets the "collection due" flag, which the interpreter polls and
//! compiled traces check at their loop header.
//!
//! Each thread has its own heap. Every object starts with a [`GcHeader`]
//! that points to its [`TypeDescr`]; the descriptor's `trace` function
//! reports the object's references and `finalize` frees what it owns outside
//! the heap.

use crate::ir::TypeDescr;
use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::UnsafeCell;

/// The first bytes of every GC object.
#[repr(C)]
pub struct GcHeader {
    /// The object's type; `guard_class` compares this word.
    pub ty: &'static TypeDescr,
    /// Mark bit (bit 0) and the allocation size class in the upper bits.
    pub flags: usize,
}

/// Size of [`GcHeader`] on this target; object fields start at or after it.
pub const HEADER_SIZE: usize = std::mem::size_of::<GcHeader>();
const ALIGN: usize = 8;
const MARK: usize = 1;

/// Reports references during marking.
pub struct Tracer {
    stack: Vec<*mut GcHeader>,
}

impl Tracer {
    /// Marks the object at `addr` (0 is ignored) and queues it for scanning.
    #[inline]
    pub fn mark(&mut self, addr: usize) {
        if addr == 0 {
            return;
        }
        let h = addr as *mut GcHeader;
        // SAFETY: callers only report addresses of live heap objects.
        unsafe {
            if (*h).flags & MARK == 0 {
                (*h).flags |= MARK;
                self.stack.push(h);
            }
        }
    }
}

/// Counters describing the heap, for `--jit-stats`-like reports and tests.
#[derive(Clone, Debug, Default)]
pub struct HeapStats {
    pub collections: u64,
    pub live_objects: usize,
    pub live_bytes: usize,
    pub total_allocated_bytes: u64,
    pub freed_objects: u64,
}

struct Heap {
    objects: Vec<*mut GcHeader>,
    bytes_since_gc: usize,
    live_bytes: usize,
    threshold: usize,
    /// The least allocation volume between collections.
    min_threshold: usize,
    due: bool,
    disabled: u32,
    stats: HeapStats,
}

const MIN_THRESHOLD: usize = 8 << 20;

thread_local! {
    static HEAP: UnsafeCell<Heap> = const { UnsafeCell::new(Heap {
        objects: Vec::new(),
        bytes_since_gc: 0,
        live_bytes: 0,
        threshold: MIN_THRESHOLD,
        min_threshold: MIN_THRESHOLD,
        due: false,
        disabled: 0,
        stats: HeapStats { collections: 0, live_objects: 0, live_bytes: 0, total_allocated_bytes: 0, freed_objects: 0 },
    }) };
}

#[inline(always)]
fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    // SAFETY: the heap is thread-local and no function here re-enters
    // `with_heap` while holding the reference (finalizers and tracers get no
    // access to the heap).
    HEAP.with(|h| f(unsafe { &mut *h.get() }))
}

fn object_size(ty: &'static TypeDescr, len: usize) -> usize {
    let mut size = ty.size as usize;
    if let Some(var) = &ty.var {
        size += var.item_size as usize * len;
    }
    size.max(HEADER_SIZE).next_multiple_of(ALIGN)
}

/// Allocates a zeroed object of a fixed-size type.
pub fn alloc(ty: &'static TypeDescr) -> usize {
    debug_assert!(ty.var.is_none(), "{} is variable-sized: use alloc_var", ty.name);
    alloc_sized(ty, object_size(ty, 0))
}

/// Allocates a zeroed object of a variable-sized type with `len` items and
/// stores `len` in its length field.
pub fn alloc_var(ty: &'static TypeDescr, len: usize) -> usize {
    let var = ty.var.as_ref().expect("alloc_var on a fixed-size type");
    let addr = alloc_sized(ty, object_size(ty, len));
    // SAFETY: the length field lies inside the fixed part just allocated.
    unsafe { var.length.kind.store(addr + var.length.offset as usize, len as u64) };
    addr
}

fn alloc_sized(ty: &'static TypeDescr, size: usize) -> usize {
    let layout = Layout::from_size_align(size, ALIGN).expect("object too large");
    // SAFETY: size is at least HEADER_SIZE > 0.
    let p = unsafe { alloc_zeroed(layout) } as *mut GcHeader;
    if p.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    // SAFETY: p is a fresh allocation large enough for the header.
    unsafe { p.write(GcHeader { ty, flags: size << 1 }) };
    with_heap(|h| {
        h.objects.push(p);
        h.bytes_since_gc += size;
        h.stats.total_allocated_bytes += size as u64;
        if h.bytes_since_gc >= h.threshold && h.disabled == 0 {
            h.due = true;
            crate::ctx::set_gc_due(true);
        }
    });
    p as usize
}

/// The type of the object at `addr`.
///
/// # Safety
/// `addr` must be a live GC object.
pub unsafe fn type_of(addr: usize) -> &'static TypeDescr {
    (*(addr as *const GcHeader)).ty
}

/// Whether enough has been allocated that the interpreter should collect at
/// its next safe point.
#[inline]
pub fn collection_due() -> bool {
    with_heap(|h| h.due)
}

/// Declines a due collection: the next one is requested after another
/// threshold's worth of allocation (for a runtime that judges a collection
/// at this point not worth its cost).
pub fn postpone() {
    with_heap(|h| {
        h.due = false;
        h.bytes_since_gc = 0;
    });
    crate::ctx::set_gc_due(false);
}

/// Prevents collections from being requested until the matching
/// [`enable`]; used while code runs that holds unrooted references.
pub fn disable() {
    with_heap(|h| h.disabled += 1);
}

pub fn enable() {
    with_heap(|h| h.disabled = h.disabled.saturating_sub(1));
}

/// Collects garbage. `roots` must report every reference the interpreter
/// holds; the JIT's own roots are added here.
pub fn collect(roots: impl FnOnce(&mut Tracer)) {
    let mut tracer = Tracer { stack: Vec::with_capacity(256) };
    roots(&mut tracer);
    crate::driver::trace_jit_roots(&mut tracer);
    while let Some(h) = tracer.stack.pop() {
        // SAFETY: only live objects are pushed.
        unsafe {
            if let Some(trace) = (*h).ty.trace {
                trace(h as *mut u8, &mut tracer);
            }
        }
    }
    let objects = with_heap(|h| std::mem::take(&mut h.objects));
    let mut survivors = Vec::with_capacity(objects.len());
    let mut live_bytes = 0usize;
    let mut freed = 0u64;
    for p in objects {
        // SAFETY: every pointer in `objects` is a live allocation made by alloc_sized.
        unsafe {
            let flags = (*p).flags;
            let size = flags >> 1;
            if flags & MARK != 0 {
                (*p).flags = flags & !MARK;
                live_bytes += size;
                survivors.push(p);
            } else {
                if let Some(fin) = (*p).ty.finalize {
                    fin(p as *mut u8);
                }
                dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, ALIGN));
                freed += 1;
            }
        }
    }
    with_heap(|h| {
        // Finalizers may not allocate, but keep anything pushed meanwhile.
        survivors.append(&mut h.objects);
        h.objects = survivors;
        h.live_bytes = live_bytes;
        h.bytes_since_gc = 0;
        h.threshold = h.min_threshold.max(live_bytes);
        h.due = false;
        h.stats.collections += 1;
        h.stats.freed_objects += freed;
        h.stats.live_objects = h.objects.len();
        h.stats.live_bytes = live_bytes;
    });
    crate::ctx::set_gc_due(false);
}

/// Sets the least number of bytes allocated between collections (default
/// 8 MiB; the heap's live size is used when larger), from now on. A small
/// value keeps a small heap in the cache at the price of more frequent
/// marking; a runtime whose objects own storage the GC does not count can
/// raise it after a collection to space collections by its real heap size.
pub fn set_min_threshold(bytes: usize) {
    with_heap(|h| {
        h.min_threshold = bytes.max(HEADER_SIZE);
        h.threshold = h.min_threshold.max(h.live_bytes);
    });
}

/// How many objects the heap holds: a position in allocation order for
/// [`collect_young`].
pub fn object_count() -> usize {
    with_heap(|h| h.objects.len())
}

/// A collection that may free only objects allocated after the first
/// `keep` (a value of [`object_count`] taken earlier): older objects are
/// kept and traced as roots. For collecting while native code up the stack
/// may hold references, not reported as roots, to objects that existed when
/// it called back into the interpreter. Collections keep allocation order,
/// so `keep` stays valid across them.
pub fn collect_young(keep: usize, roots: impl FnOnce(&mut Tracer)) {
    let old: Vec<usize> = with_heap(|h| h.objects[..keep.min(h.objects.len())].iter().map(|&p| p as usize).collect());
    collect(|t| {
        for addr in old {
            t.mark(addr);
        }
        roots(t);
    });
}

pub fn stats() -> HeapStats {
    with_heap(|h| {
        let mut s = h.stats.clone();
        s.live_objects = h.objects.len();
        s
    })
}

/// Frees every object of this thread's heap (for tests and interpreter
/// shutdown). Any reference into the heap is dangling afterwards.
pub fn reset() {
    let objects = with_heap(|h| std::mem::take(&mut h.objects));
    for p in objects {
        // SAFETY: as in `collect`.
        unsafe {
            let size = (*p).flags >> 1;
            if let Some(fin) = (*p).ty.finalize {
                fin(p as *mut u8);
            }
            dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, ALIGN));
        }
    }
    with_heap(|h| {
        h.bytes_since_gc = 0;
        h.live_bytes = 0;
        h.due = false;
    });
}
