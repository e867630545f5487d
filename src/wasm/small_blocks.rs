//! Small allocations served from per-size free lists in front of the wasm's allocator.
//!
//! A verify makes a few dozen short-lived allocations of a few bytes (envelope strings, the
//! decoded signature, the walk's name buffer), and frees them all before it returns. talc
//! files each freed block in its size bins and takes it out again on the next allocation,
//! which measured a quarter of a tiny Treezor `isValid` in wasm. Here a small block freed is
//! pushed on the list of its size class and the next allocation of that class pops it: a few
//! instructions each way, with no search and no coalescing.
//!
//! The cost is memory talc cannot reuse for other sizes, so each list keeps at most
//! `KEPT_PER_CLASS` blocks and hands any further freed block back to talc: at most ~32 kB stays
//! on the lists, whatever the input did.
//!
//! Safe only where one thread allocates: wasm32 without the atomics feature (the only build
//! that installs it; see `mod.rs`). Natively it is compiled for its unit tests alone (`lib.rs`).
//!
//! Installed in the `fast-json` builds (Seqino, SePay, Treezor): a one-transaction Treezor
//! `isValid` 1.08-1.12x, `verify` 1.04-1.08x, 2 kB `verify` 1.02-1.04x (paired A/B, both orders);
//! Seqino, which allocates little, unchanged; +35-50 B gzip. Numeral, whose verify is the RSA
//! arithmetic and whose wasm is the nearest its size budget, keeps talc alone.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ptr;

/// Class `c` serves requests of up to `16 << c` bytes with blocks of that size: 16 to 256.
const CLASSES: usize = 5;
/// log2 of the smallest block (16 bytes: room for the next-block address, at any alignment
/// this serves).
const SMALLEST_BITS: u32 = 4;
/// The largest request served from a list.
const LARGEST: usize = block_size(CLASSES - 1);
/// Every block is aligned to this; requests needing more go to the inner allocator.
const BLOCK_ALIGN: usize = 8;
/// How many freed blocks one class keeps for reuse.
const KEPT_PER_CLASS: u32 = 64;

/// A free list: its first block (each free block holds the address of the next), and length.
struct FreeList {
    head: Cell<*mut u8>,
    len: Cell<u32>,
}

pub struct SmallBlocks<A: GlobalAlloc> {
    inner: A,
    lists: [FreeList; CLASSES],
}

// Sound only without threads: the lists are plain cells. The wasm builds that install this
// allocator have no threads (`cfg(not(target_feature = "atomics"))` in `mod.rs`), and native
// tests use each instance from one thread.
unsafe impl<A: GlobalAlloc + Sync> Sync for SmallBlocks<A> {}

impl<A: GlobalAlloc> SmallBlocks<A> {
    pub const fn new(inner: A) -> Self {
        SmallBlocks {
            inner,
            lists: [const {
                FreeList {
                    head: Cell::new(ptr::null_mut()),
                    len: Cell::new(0),
                }
            }; CLASSES],
        }
    }
}

/// Hands the kept blocks back (never runs for the global allocator, a static; it does for the
/// instances of the unit tests, which Miri checks for leaks).
impl<A: GlobalAlloc> Drop for SmallBlocks<A> {
    fn drop(&mut self) {
        for (class, list) in self.lists.iter().enumerate() {
            let mut block = list.head.replace(ptr::null_mut());
            while !block.is_null() {
                // Each kept block came from `inner` with its class's layout, and holds the next.
                unsafe {
                    let next = block.cast::<*mut u8>().read();
                    self.inner.dealloc(block, block_layout(class));
                    block = next;
                }
            }
            list.len.set(0);
        }
    }
}

/// The class serving `layout`, if any. The same layout always gives the same answer, so a
/// block is freed the way it was allocated.
#[inline(always)]
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size();
    if layout.align() > BLOCK_ALIGN || size > LARGEST {
        return None;
    }
    // The power of two at or above `size`, from the smallest block's (a loop over the sizes
    // stayed a call at opt-level "z").
    let bits = usize::BITS - (size.max(1 << SMALLEST_BITS) - 1).leading_zeros();
    Some((bits - SMALLEST_BITS) as usize)
}

#[inline(always)]
const fn block_size(class: usize) -> usize {
    1 << (SMALLEST_BITS as usize + class)
}

#[inline(always)]
fn block_layout(class: usize) -> Layout {
    // Sizes and alignment are constants that make valid layouts.
    unsafe { Layout::from_size_align_unchecked(block_size(class), BLOCK_ALIGN) }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for SmallBlocks<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return self.inner.alloc(layout);
        };
        let list = &self.lists[class];
        let block = list.head.get();
        if block.is_null() {
            return self.inner.alloc(block_layout(class));
        }
        // A free block's first bytes hold the next one's address (blocks are >= 16 bytes and
        // aligned to 8, so it fits and is aligned).
        list.head.set(block.cast::<*mut u8>().read());
        list.len.set(list.len.get() - 1);
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else {
            return self.inner.dealloc(block, layout);
        };
        let list = &self.lists[class];
        if list.len.get() >= KEPT_PER_CLASS {
            return self.inner.dealloc(block, block_layout(class));
        }
        block.cast::<*mut u8>().write(list.head.get());
        list.head.set(block);
        list.len.set(list.len.get() + 1);
    }

    /// Stays in its block when the new size is of the same class; anything else moves, large
    /// blocks too: calling talc's in-place growth for them added 0.3 kB to every wasm and
    /// measured no faster on 64 kB bodies (a growing buffer doubles, so its copies add up to
    /// about its final size).
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let class = class_of(layout);
        // (Not into a smaller class: the block must be freed with its own class's layout,
        // which the caller's next layout would no longer give.)
        if class.is_some() && class == class_of(new_layout) {
            return block;
        }
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn a_freed_small_block_is_the_next_one_of_its_class() {
        let a = SmallBlocks::new(System);
        unsafe {
            let first = a.alloc(layout(20, 1));
            a.dealloc(first, layout(20, 1));
            // 17..=32 bytes share a class: the freed block comes back, once.
            let again = a.alloc(layout(32, 8));
            let other = a.alloc(layout(30, 4));
            assert_eq!(again, first);
            assert_ne!(other, first);
            a.dealloc(again, layout(32, 8));
            a.dealloc(other, layout(30, 4));
            assert_eq!(a.lists[1].len.get(), 2);
        }
    }

    #[test]
    fn blocks_are_distinct_writable_and_aligned() {
        let a = SmallBlocks::new(System);
        let mut live = Vec::new();
        unsafe {
            for round in 0..3 {
                for size in [1, 8, 16, 17, 33, 100, 200, 256, 257, 4000] {
                    let l = layout(size, 8);
                    let p = a.alloc(l);
                    assert!(!p.is_null() && p as usize % 8 == 0);
                    ptr::write_bytes(p, size as u8, size);
                    live.push((p, l));
                }
                // Every block still holds its own pattern: none overlaps another.
                for &(p, l) in &live {
                    let bytes = std::slice::from_raw_parts(p, l.size());
                    assert!(bytes.iter().all(|&b| b == l.size() as u8));
                }
                // Free every other one, so the next round reuses them.
                let mut i = 0;
                live.retain(|&(p, l)| {
                    i += 1;
                    if (i + round) % 2 == 0 {
                        a.dealloc(p, l);
                        false
                    } else {
                        true
                    }
                });
            }
            for (p, l) in live {
                a.dealloc(p, l);
            }
        }
    }

    #[test]
    fn over_aligned_requests_go_to_the_inner_allocator() {
        let a = SmallBlocks::new(System);
        unsafe {
            let p = a.alloc(layout(16, 64));
            assert!(p as usize % 64 == 0);
            a.dealloc(p, layout(16, 64));
            // Not filed in a list: a 16-byte request gets a fresh block.
            let q = a.alloc(layout(16, 8));
            assert!(a.lists[0].len.get() == 0);
            a.dealloc(q, layout(16, 8));
            assert_eq!(a.lists[0].len.get(), 1);
        }
    }

    #[test]
    fn a_list_keeps_at_most_its_share() {
        let a = SmallBlocks::new(System);
        unsafe {
            let blocks: Vec<_> = (0..200).map(|_| a.alloc(layout(100, 1))).collect();
            for p in blocks {
                a.dealloc(p, layout(100, 1));
            }
            assert_eq!(a.lists[3].len.get(), KEPT_PER_CLASS);
        }
    }

    #[test]
    fn realloc_keeps_the_bytes_across_classes_and_into_large() {
        let a = SmallBlocks::new(System);
        unsafe {
            let mut p = a.alloc(layout(5, 1));
            ptr::copy_nonoverlapping(b"hello".as_ptr(), p, 5);
            let mut size = 5;
            for new_size in [12, 16, 40, 250, 300, 5000, 200, 3] {
                let q = a.realloc(p, layout(size, 1), new_size);
                let kept = size.min(new_size).min(5);
                assert_eq!(std::slice::from_raw_parts(q, kept), &b"hello"[..kept]);
                // Growing within its 16-byte block stays put.
                if new_size == 12 || new_size == 16 {
                    assert_eq!(q, p);
                }
                // Into a smaller class it moves, so it is later freed as a block of that class.
                if new_size == 3 {
                    assert_ne!(q, p);
                }
                p = q;
                size = new_size;
            }
            a.dealloc(p, layout(size, 1));
        }
    }
}
