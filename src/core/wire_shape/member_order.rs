//! The order in which a sender writes an object's members, learnt from the previous object
//! of the same shape in the same walk.
//!
//! Senders serialize every object of a type the same way: in a Treezor `transactions` array,
//! the second transaction has its members in the first one's order, which is not the order
//! our structs declare them in (nor alphabetical). Guessing the k-th member's name from the
//! previous object's k-th member makes the name lookup one comparison, where searching the
//! fields cost up to one per field (every field, for a member the shape does not list).
//!
//! A guess is only ever confirmed by comparing the name as written, so a wrong guess costs one
//! comparison and never changes a verdict.

#[cfg(feature = "fast-json")]
use super::Shape;

/// What the k-th member of the previous object was.
#[derive(Clone, Copy)]
pub(super) enum Guess<'a> {
    /// The field with this index (its name was written plainly).
    Field(usize),
    /// A member the shape does not list, written with these bytes between its quotes (no
    /// escape in them): the same bytes are the same unknown name.
    Unknown(&'a [u8]),
    /// Nothing to guess from (the name had escapes).
    None,
}

/// The member sequences learnt so far, one per shape (a walk meets a handful of shapes).
/// Only with `fast-json`: Numeral's wasm, without it, spends no bytes on guessing.
#[cfg(feature = "fast-json")]
#[derive(Default)]
pub(super) struct MemberOrders<'a> {
    learnt: Vec<(&'static Shape, Vec<Guess<'a>>, Whole)>,
}

/// How many of a sequence's first guesses are exactly the members of the last object of its
/// shape, when that object was read whole and without error and every name in it was written
/// plainly (no [`Guess::None`]): the next object can be read as a copy of it
/// (`Walker::members_as_before`). `None` otherwise.
#[cfg(feature = "repeated-shapes")]
pub(super) type Whole = Option<usize>;
/// Nothing, where no object is read as a copy: the learnt orders stay as small as before.
#[cfg(all(feature = "fast-json", not(feature = "repeated-shapes")))]
pub(super) type Whole = ();

#[cfg(feature = "fast-json")]
impl<'a> MemberOrders<'a> {
    /// The sequence learnt for `shape`, taken out while its object is read (an object of the
    /// same shape nested inside starts its own); empty the first time.
    pub fn take(&mut self, shape: &'static Shape) -> (Vec<Guess<'a>>, Whole) {
        match self
            .learnt
            .iter()
            .position(|(s, _, _)| std::ptr::eq(*s, shape))
        {
            Some(i) => {
                let (_, sequence, whole) = self.learnt.swap_remove(i);
                (sequence, whole)
            }
            // Room for every field and a few members the shape does not list (a Treezor
            // transaction has four) at once: growing 4, 8, 16… was measurable on small bodies.
            None => (Vec::with_capacity(shape.fields.len() + 8), Whole::default()),
        }
    }

    /// Keeps `sequence` as what the next object of `shape` is expected to look like.
    pub fn put_back(&mut self, shape: &'static Shape, sequence: Vec<Guess<'a>>, whole: Whole) {
        self.learnt.push((shape, sequence, whole));
    }
}

/// Records `guess` as the `k`-th member of the object being read (members are recorded in
/// order, so `k` is at most the length).
pub(super) fn record<'a>(sequence: &mut Vec<Guess<'a>>, k: usize, guess: Guess<'a>) {
    match sequence.get_mut(k) {
        Some(slot) => *slot = guess,
        None => sequence.push(guess),
    }
}
