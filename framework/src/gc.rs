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
//!
//! Small objects (up to 512 bytes) live in 64 KiB pages of equal-sized
//! cells, one size class per page, and are allocated from per-class free
//! lists or by bumping through the newest page; sweeping walks the pages and
//! returns dead cells (zeroed) to the free lists. Larger objects are
//! allocated one by one. A free cell's first word is zero.

use crate::ir::TypeDescr;
use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::UnsafeCell;

/// The first bytes of every GC object.
#[repr(C)]
pub struct GcHeader {
    /// The object's type; `guard_class` compares this word.
    pub ty: &'static TypeDescr,
    /// Mark bit (bit 0) and the allocation's sequence number (see
    /// [`allocation_mark`]) in the upper bits.
    pub flags: u64,
}

/// Size of [`GcHeader`] on this target; object fields start at or after it.
pub const HEADER_SIZE: usize = std::mem::size_of::<GcHeader>();
const ALIGN: usize = 16;
const MARK: u64 = 1;
const GRANULE: usize = 16;
const MAX_SMALL: usize = 512;
const CLASSES: usize = MAX_SMALL / GRANULE;
const PAGE_SIZE: usize = 64 * 1024;

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

/// A page of cells of one size.
struct Page {
    base: *mut u8,
    cell: usize,
    /// Cells handed out by bumping so far (the rest have never been used).
    carved: usize,
}

struct Heap {
    pages: Vec<Page>,
    /// Per size class: the head of the free list (a free cell's second word
    /// holds the next one) and the page being carved.
    free: [*mut u8; CLASSES],
    carving: [Option<usize>; CLASSES],
    large: Vec<*mut GcHeader>,
    /// Allocations so far (each object's sequence number).
    seq: u64,
    objects: usize,
    bytes_since_gc: usize,
    live_bytes: usize,
    threshold: usize,
    /// The least allocation volume between collections.
    min_threshold: usize,
    due: bool,
    disabled: u32,
    stats: HeapStats,
    /// The mark stack and the dead-object list, kept between collections:
    /// they grow with the heap, and giving big buffers back to the system
    /// allocator after every collection costs more than the collection.
    mark_stack: Vec<*mut GcHeader>,
    dead: Vec<*mut GcHeader>,
}

const MIN_THRESHOLD: usize = 8 << 20;

thread_local! {
    static HEAP: UnsafeCell<Heap> = const { UnsafeCell::new(Heap {
        pages: Vec::new(),
        free: [std::ptr::null_mut(); CLASSES],
        carving: [None; CLASSES],
        large: Vec::new(),
        seq: 0,
        objects: 0,
        bytes_since_gc: 0,
        live_bytes: 0,
        threshold: MIN_THRESHOLD,
        min_threshold: MIN_THRESHOLD,
        due: false,
        disabled: 0,
        stats: HeapStats { collections: 0, live_objects: 0, live_bytes: 0, total_allocated_bytes: 0, freed_objects: 0 },
        mark_stack: Vec::new(),
        dead: Vec::new(),
    }) };
}

#[inline(always)]
fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    // SAFETY: the heap is thread-local and no function here re-enters
    // `with_heap` while holding the reference (finalizers and tracers get no
    // access to the heap).
    HEAP.with(|h| f(unsafe { &mut *h.get() }))
}

/// Size in bytes of an object of type `ty` with `len` items.
fn object_size(ty: &'static TypeDescr, len: usize) -> usize {
    let mut size = ty.size as usize;
    if let Some(var) = &ty.var {
        size += var.item_size as usize * len;
    }
    size.max(HEADER_SIZE).next_multiple_of(GRANULE)
}

/// Size of a live object, from its type (and length field).
///
/// # Safety
/// `h` must be a live object.
unsafe fn size_of_object(h: *const GcHeader) -> usize {
    let ty = (*h).ty;
    let len = match &ty.var {
        Some(var) => var.length.kind.load(h as usize + var.length.offset as usize) as usize,
        None => 0,
    };
    object_size(ty, len)
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

impl Heap {
    /// A zeroed cell of size class `c`.
    #[inline]
    fn small_cell(&mut self, c: usize) -> *mut u8 {
        let p = self.free[c];
        if !p.is_null() {
            // SAFETY: free cells are zeroed but for the link in word 1.
            unsafe {
                let link = (p as *mut usize).add(1);
                self.free[c] = *link as *mut u8;
                *link = 0;
            }
            return p;
        }
        let cell = (c + 1) * GRANULE;
        if let Some(pi) = self.carving[c] {
            let page = &mut self.pages[pi];
            if (page.carved + 1) * cell <= PAGE_SIZE {
                // SAFETY: inside the page, never used, zeroed at allocation.
                let p = unsafe { page.base.add(page.carved * cell) };
                page.carved += 1;
                return p;
            }
        }
        let layout = Layout::from_size_align(PAGE_SIZE, ALIGN).expect("page layout");
        // SAFETY: a non-zero size.
        let base = unsafe { alloc_zeroed(layout) };
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        self.pages.push(Page { base, cell, carved: 1 });
        self.carving[c] = Some(self.pages.len() - 1);
        base
    }
}

fn alloc_sized(ty: &'static TypeDescr, size: usize) -> usize {
    with_heap(|h| {
        let p = if size <= MAX_SMALL {
            h.small_cell(size / GRANULE - 1) as *mut GcHeader
        } else {
            let layout = Layout::from_size_align(size, ALIGN).expect("object too large");
            // SAFETY: a non-zero size.
            let p = unsafe { alloc_zeroed(layout) } as *mut GcHeader;
            if p.is_null() {
                std::alloc::handle_alloc_error(layout);
            }
            h.large.push(p);
            p
        };
        h.seq += 1;
        // SAFETY: p is a zeroed cell large enough for the object.
        unsafe { p.write(GcHeader { ty, flags: h.seq << 1 }) };
        h.objects += 1;
        h.bytes_since_gc += size;
        h.stats.total_allocated_bytes += size as u64;
        if h.bytes_since_gc >= h.threshold && h.disabled == 0 {
            h.due = true;
            crate::ctx::set_gc_due(true);
        }
        p as usize
    })
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

/// Asks for a collection at the next safe point, whatever has been
/// allocated (for a runtime that declined one earlier, in a context where
/// it could not free everything, and is now back where it can).
pub fn request_collection() {
    let due = with_heap(|h| {
        h.due |= h.disabled == 0;
        h.due
    });
    crate::ctx::set_gc_due(due);
}

/// Whether enough has been allocated since the last collection (or
/// postponement) that a collection would be due by itself, as opposed to
/// requested through [`request_collection`].
pub fn allocation_due() -> bool {
    with_heap(|h| h.bytes_since_gc >= h.threshold)
}

/// Declines a requested collection at this safe point without resetting the
/// allocation count (unlike [`postpone`]): for a runtime that wants it at
/// another safe point, where it will request it again.
pub fn decline() {
    with_heap(|h| h.due = false);
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

/// Calls `f` on every live object (cells whose first word is set).
fn for_each_object(h: &Heap, mut f: impl FnMut(*mut GcHeader)) {
    for page in &h.pages {
        for i in 0..page.carved {
            // SAFETY: carved cells of a page are valid memory.
            let p = unsafe { page.base.add(i * page.cell) } as *mut GcHeader;
            // SAFETY: a free cell's first word is zero.
            if unsafe { *(p as *const usize) } != 0 {
                f(p);
            }
        }
    }
    for &p in &h.large {
        f(p);
    }
}

/// Collects garbage. `roots` must report every reference the interpreter
/// holds; the JIT's own roots are added here.
pub fn collect(roots: impl FnOnce(&mut Tracer)) {
    collect_from(None, roots);
}

/// A collection; with `keep`, objects of sequence number up to `keep` are
/// roots too.
fn collect_from(keep: Option<u64>, roots: impl FnOnce(&mut Tracer)) {
    let mut tracer = Tracer { stack: with_heap(|h| std::mem::take(&mut h.mark_stack)) };
    roots(&mut tracer);
    crate::driver::trace_jit_roots(&mut tracer);
    if let Some(keep) = keep {
        with_heap(|h| {
            for_each_object(h, |p| {
                // SAFETY: a live object.
                if unsafe { (*p).flags } >> 1 <= keep {
                    tracer.mark(p as usize);
                }
            })
        });
    }
    while let Some(h) = tracer.stack.pop() {
        // SAFETY: only live objects are pushed.
        unsafe {
            if let Some(trace) = (*h).ty.trace {
                trace(h as *mut u8, &mut tracer);
            }
        }
    }
    let mut live_bytes = 0usize;
    let mut live_objects = 0usize;
    let mut freed = 0u64;
    let mut dead = with_heap(|h| {
        h.mark_stack = std::mem::take(&mut tracer.stack);
        std::mem::take(&mut h.dead)
    });
    dead.clear();
    with_heap(|h| {
        for_each_object(h, |p| {
            // SAFETY: a live object.
            unsafe {
                if (*p).flags & MARK != 0 {
                    (*p).flags &= !MARK;
                    live_bytes += size_of_object(p);
                    live_objects += 1;
                } else {
                    dead.push(p);
                }
            }
        });
    });
    // Finalizers run outside the heap borrow (they free Rust-owned memory).
    for &p in &dead {
        // SAFETY: an unreachable object, finalized once.
        unsafe {
            if let Some(fin) = (*p).ty.finalize {
                fin(p as *mut u8);
            }
        }
    }
    with_heap(|h| {
        let mut dead_large = false;
        for &p in &dead {
            // SAFETY: dead objects are returned to the allocator once.
            unsafe {
                let size = size_of_object(p);
                if size <= MAX_SMALL {
                    let c = size / GRANULE - 1;
                    std::ptr::write_bytes(p as *mut u8, 0, size);
                    *(p as *mut usize).add(1) = h.free[c] as usize;
                    h.free[c] = p as *mut u8;
                } else {
                    dead_large = true;
                    dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, ALIGN));
                    // Leaves a tombstone for the pass below.
                    let i = h.large.iter().rposition(|&q| q == p).expect("large object");
                    h.large[i] = std::ptr::null_mut();
                }
            }
            freed += 1;
        }
        if dead_large {
            h.large.retain(|q| !q.is_null());
        }
        h.objects = live_objects;
        h.live_bytes = live_bytes;
        h.bytes_since_gc = 0;
        h.threshold = h.min_threshold.max(live_bytes);
        h.due = false;
        h.stats.collections += 1;
        h.stats.freed_objects += freed;
        h.stats.live_objects = live_objects;
        h.stats.live_bytes = live_bytes;
        h.dead = dead;
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

/// How many objects the heap holds (counting those allocated since the
/// last collection, dead or not).
pub fn object_count() -> usize {
    with_heap(|h| h.objects)
}

/// A position in allocation order, for [`collect_young`]: objects allocated
/// after this call come after the mark.
pub fn allocation_mark() -> usize {
    with_heap(|h| h.seq as usize)
}

/// A collection that may free only objects allocated after `keep` (a value
/// of [`allocation_mark`] taken earlier): older objects are kept and traced as
/// roots. For collecting while native code up the stack may hold
/// references, not reported as roots, to objects that existed when it
/// called back into the interpreter.
pub fn collect_young(keep: usize, roots: impl FnOnce(&mut Tracer)) {
    collect_from(Some(keep as u64), roots);
}

pub fn stats() -> HeapStats {
    with_heap(|h| {
        let mut s = h.stats.clone();
        s.live_objects = h.objects;
        s
    })
}

/// Frees every object of this thread's heap (for tests and interpreter
/// shutdown). Any reference into the heap is dangling afterwards.
pub fn reset() {
    let mut all: Vec<*mut GcHeader> = Vec::new();
    with_heap(|h| for_each_object(h, |p| all.push(p)));
    for &p in &all {
        // SAFETY: every object is finalized once before its memory goes.
        unsafe {
            if let Some(fin) = (*p).ty.finalize {
                fin(p as *mut u8);
            }
        }
    }
    let (pages, large) = with_heap(|h| {
        h.free = [std::ptr::null_mut(); CLASSES];
        h.carving = [None; CLASSES];
        h.objects = 0;
        h.bytes_since_gc = 0;
        h.live_bytes = 0;
        h.due = false;
        (std::mem::take(&mut h.pages), std::mem::take(&mut h.large))
    });
    for page in pages {
        // SAFETY: pages were allocated with this layout.
        unsafe { dealloc(page.base, Layout::from_size_align_unchecked(PAGE_SIZE, ALIGN)) };
    }
    for p in large {
        // SAFETY: large objects were allocated with their size and ALIGN.
        unsafe {
            let size = size_of_object(p);
            dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, ALIGN));
        }
    }
}
