//! The garbage collector frees unreachable objects, cycles included, and
//! keeps everything reachable from the roots.

mod common;
use common::*;
use kiln::gc;

fn point(next: usize, x: i64) -> usize {
    let p = gc::alloc(&POINT);
    unsafe {
        (*(p as *mut Point)).next = next;
        (*(p as *mut Point)).x = x;
    }
    p
}

#[test]
fn frees_cycles_and_keeps_rooted_chains() {
    gc::reset();
    let before = gc::stats().freed_objects;
    // A rooted chain of 100 objects.
    let mut head = 0;
    for i in 0..100 {
        head = point(head, i);
    }
    // 1000 unreachable two-object cycles.
    for i in 0..1000 {
        let a = point(0, i);
        let b = point(a, i);
        unsafe { (*(a as *mut Point)).next = b };
    }
    gc::collect(|t| t.mark(head));
    let s = gc::stats();
    assert_eq!(s.freed_objects - before, 2000);
    assert_eq!(s.live_objects, 100);
    // The chain is intact.
    let mut n = 0;
    let mut p = head;
    while p != 0 {
        assert_eq!(unsafe { (*(p as *const Point)).x }, 99 - n);
        n += 1;
        p = unsafe { (*(p as *const Point)).next };
    }
    assert_eq!(n, 100);
    gc::collect(|_| {});
    assert_eq!(gc::stats().live_objects, 0);
}

#[test]
fn variable_sized_objects_record_their_length() {
    gc::reset();
    let a = gc::alloc_var(&INTARRAY, 17);
    assert_eq!(unsafe { (*(a as *const IntArray)).len }, 17);
    // Items are zeroed and writable.
    let items = a + std::mem::size_of::<IntArray>();
    for i in 0..17 {
        unsafe {
            assert_eq!(*((items + 8 * i) as *const i64), 0);
            *((items + 8 * i) as *mut i64) = i as i64;
        }
    }
    gc::collect(|t| t.mark(a));
    assert_eq!(gc::stats().live_objects, 1);
}

#[test]
fn allocation_makes_a_collection_due_and_collecting_clears_it() {
    gc::reset();
    gc::collect(|_| {});
    assert!(!gc::collection_due());
    let mut n = 0;
    while !gc::collection_due() {
        point(0, 0);
        n += 1;
        assert!(n < 10_000_000, "no collection was ever requested");
    }
    assert_ne!(unsafe { (*kiln::ctx::ctx_ptr()).gc_due }, 0, "compiled code must see the request");
    gc::collect(|_| {});
    assert!(!gc::collection_due());
    assert_eq!(unsafe { (*kiln::ctx::ctx_ptr()).gc_due }, 0);
}

#[test]
fn young_collections_keep_older_objects_and_what_they_reach() {
    gc::reset();
    // Unrooted older objects: one points to a young object.
    let old_garbage = point(0, 1);
    let keep = gc::allocation_mark();
    let young_reached = point(0, 2);
    unsafe { (*(old_garbage as *mut Point)).next = young_reached };
    // Young garbage: a cycle.
    let a = point(0, 3);
    let b = point(a, 4);
    unsafe { (*(a as *mut Point)).next = b };
    let before = gc::stats().freed_objects;
    gc::collect_young(keep, |_| {});
    assert_eq!(gc::stats().freed_objects - before, 2);
    assert_eq!(gc::stats().live_objects, 2);
    assert_eq!(unsafe { (*(young_reached as *const Point)).x }, 2);
    // The mark still separates the same objects.
    gc::collect_young(keep, |_| {});
    assert_eq!(gc::stats().live_objects, 2);
    gc::collect(|_| {});
    assert_eq!(gc::stats().live_objects, 0);
}

#[test]
fn the_minimum_collection_threshold_is_settable() {
    gc::reset();
    gc::set_min_threshold(4096);
    gc::collect(|_| {});
    assert!(!gc::collection_due());
    let mut head = 0;
    for i in 0..1000 {
        head = point(head, i);
    }
    assert!(gc::collection_due(), "a collection is due after more than 4 KiB of allocation");
    gc::collect(|t| t.mark(head));
    assert!(!gc::collection_due());
    gc::set_min_threshold(8 << 20);
    gc::collect(|_| {});
}

#[test]
fn a_postponed_collection_is_requested_again_later() {
    gc::reset();
    gc::set_min_threshold(4096);
    gc::collect(|_| {});
    let mut head = 0;
    for i in 0..1000 {
        head = point(head, i);
    }
    assert!(gc::collection_due());
    gc::postpone();
    assert!(!gc::collection_due());
    for i in 0..1000 {
        head = point(head, i);
    }
    assert!(gc::collection_due());
    gc::collect(|t| t.mark(head));
    gc::set_min_threshold(8 << 20);
    gc::collect(|_| {});
}
