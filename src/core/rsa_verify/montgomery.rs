//! Modular exponentiation with a public exponent, on 32-bit limbs (Montgomery form).
//!
//! Only what RSA *verification* needs: `s^e mod n` for an odd modulus `n` and a small public
//! exponent `e`. Every input here is public (the key, the signature, the message), so nothing
//! needs to run in constant time; this code makes no such attempt and must never be used with
//! a private exponent.
//!
//! Limbs are `u32` with `u64` products: wasm32 multiplies 64-bit integers natively, while
//! `u128` products would become library calls.

/// A modulus prepared for Montgomery multiplication: `n` (odd, little-endian limbs, the top
/// limb non-zero), `-n^-1 mod 2^32` and `R^2 mod n` with `R = 2^(32 * limbs)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modulus {
    n: Vec<u32>,
    n0_inv: u32,
    r_squared: Vec<u32>,
}

impl Modulus {
    /// Prepares an odd modulus given as little-endian limbs (top limb non-zero). `None` for an
    /// even or empty modulus.
    pub fn new(n: Vec<u32>) -> Option<Self> {
        let low = *n.first()?;
        if low & 1 == 0 || n.last() == Some(&0) {
            return None;
        }
        let n0_inv = neg_inverse_mod_2_32(low);
        let r_squared = r_squared_mod(&n);
        Some(Modulus {
            n,
            n0_inv,
            r_squared,
        })
    }

    pub fn limbs(&self) -> &[u32] {
        &self.n
    }

    /// `base^e mod n` for `base < n` (little-endian limbs, as many as the modulus has) and an
    /// exponent `e >= 1`. Left-to-right square-and-multiply: 17 multiplications for 65537.
    /// `None` when `base` is not such a number or `e` is 0.
    pub fn pow(&self, base: &[u32], e: u32) -> Option<Vec<u32>> {
        if base.len() != self.n.len() || !less_than(base, &self.n) || e == 0 {
            return None;
        }
        let base_m = self.mul(base, &self.r_squared); // base * R mod n
        let mut acc = base_m.clone();
        let top = 31 - e.leading_zeros();
        for bit in (0..top).rev() {
            acc = self.mul(&acc, &acc);
            if (e >> bit) & 1 == 1 {
                acc = self.mul(&acc, &base_m);
            }
        }
        let mut one = vec![0u32; self.n.len()];
        one[0] = 1;
        Some(self.mul(&acc, &one)) // out of Montgomery form
    }

    /// Montgomery product `a * b * R^-1 mod n` (CIOS), for `a, b < n`; the result is `< n`.
    fn mul(&self, a: &[u32], b: &[u32]) -> Vec<u32> {
        let n = &self.n;
        let len = n.len();
        // t has two extra limbs for the carries of each round.
        let mut t = vec![0u32; len + 2];
        for &bi in b.iter().take(len) {
            let mut carry = 0u64;
            for j in 0..len {
                let sum = u64::from(t[j]) + u64::from(a[j]) * u64::from(bi) + carry;
                t[j] = sum as u32;
                carry = sum >> 32;
            }
            let sum = u64::from(t[len]) + carry;
            t[len] = sum as u32;
            t[len + 1] = (sum >> 32) as u32;

            // Add m * n so the lowest limb becomes zero, then shift down one limb.
            let m = t[0].wrapping_mul(self.n0_inv);
            let sum = u64::from(t[0]) + u64::from(m) * u64::from(n[0]);
            let mut carry = sum >> 32;
            for j in 1..len {
                let sum = u64::from(t[j]) + u64::from(m) * u64::from(n[j]) + carry;
                t[j - 1] = sum as u32;
                carry = sum >> 32;
            }
            let sum = u64::from(t[len]) + carry;
            t[len - 1] = sum as u32;
            // At most 1: t stays below 2n (both factors are below n).
            t[len] = t[len + 1].wrapping_add((sum >> 32) as u32);
        }
        // t < 2n here: one conditional subtraction brings it below n.
        if t[len] != 0 || !less_than(&t[..len], n) {
            sub_in_place(&mut t[..len], n);
        }
        t.truncate(len);
        t
    }
}

/// `-n0^-1 mod 2^32` for odd `n0` (Newton's iteration doubles the correct bits each step).
fn neg_inverse_mod_2_32(n0: u32) -> u32 {
    let mut inv: u32 = 1; // correct to 1 bit, since n0 is odd
    for _ in 0..5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(inv)));
    }
    inv.wrapping_neg()
}

/// `R^2 mod n` by doubling 1 modulo n, `2 * 32 * limbs` times. Done once per key, so the
/// simplest correct way is good enough (about a million limb operations for 4096 bits).
fn r_squared_mod(n: &[u32]) -> Vec<u32> {
    let len = n.len();
    let mut x = vec![0u32; len];
    x[0] = 1;
    // 1 < n, since n is odd and its top limb is non-zero, unless n == 1 (then x becomes 0).
    if len == 1 && n[0] == 1 {
        return vec![0];
    }
    for _ in 0..(64 * len) {
        let mut carry = 0u32;
        for limb in x.iter_mut() {
            let next = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if carry != 0 || !less_than(&x, n) {
            sub_in_place(&mut x, n);
        }
    }
    x
}

/// `a < b` for equally long little-endian numbers.
pub fn less_than(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// `a -= b` modulo `2^(32 * len)` (callers know the true result is non-negative, or that the
/// borrow cancels a carry they dropped).
fn sub_in_place(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0u64;
    for (x, &y) in a.iter_mut().zip(b) {
        let diff = u64::from(*x)
            .wrapping_sub(u64::from(y))
            .wrapping_sub(borrow);
        *x = diff as u32;
        borrow = (diff >> 63) & 1;
    }
}

/// Big-endian bytes to little-endian limbs, `limbs` long. `None` if the value does not fit.
pub fn limbs_from_be(bytes: &[u8], limbs: usize) -> Option<Vec<u32>> {
    let mut out = vec![0u32; limbs];
    for (i, &byte) in bytes.iter().rev().enumerate() {
        if byte == 0 {
            continue;
        }
        let limb = out.get_mut(i / 4)?;
        *limb |= u32::from(byte) << (8 * (i % 4));
    }
    Some(out)
}

/// Little-endian limbs to exactly `len` big-endian bytes. `None` if the value needs more.
pub fn limbs_to_be(limbs: &[u32], len: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; len];
    for (i, limb) in limbs.iter().enumerate() {
        for k in 0..4 {
            let byte = (limb >> (8 * k)) as u8;
            let pos = 4 * i + k;
            if pos < len {
                out[len - 1 - pos] = byte;
            } else if byte != 0 {
                return None;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference `base^e mod n` on u128 for small moduli.
    fn pow_small(base: u128, e: u32, n: u128) -> u128 {
        let mut acc = 1u128;
        for _ in 0..e {
            acc = acc * base % n;
        }
        acc
    }

    #[test]
    fn inverse_is_right() {
        for n0 in [1u32, 3, 0xffff_ffff, 0x8000_0001, 65537, 0xdead_beef | 1] {
            assert_eq!(n0.wrapping_mul(neg_inverse_mod_2_32(n0)), u32::MAX, "{n0}");
        }
    }

    #[test]
    fn small_moduli_match_the_reference() {
        // Two-limb moduli, so carries between limbs are exercised.
        for &n in &[
            0x0000_0001_0000_0001u128,
            0xffff_ffff_ffff_fffd,
            0x8000_0000_0000_0001,
            0x1234_5678_9abc_def1,
        ] {
            let m = Modulus::new(vec![n as u32, (n >> 32) as u32]).unwrap();
            for &base in &[0u128, 1, 2, 3, n - 1, n / 2, 0x0fed_cba9_8765_4321 % n] {
                for &e in &[1u32, 2, 3, 5, 17, 257] {
                    let got = m.pow(&[base as u32, (base >> 32) as u32], e).unwrap();
                    let got = u128::from(got[0]) | (u128::from(got[1]) << 32);
                    assert_eq!(got, pow_small(base, e, n), "{base}^{e} mod {n}");
                }
            }
        }
    }

    #[test]
    fn even_or_zero_moduli_are_refused() {
        assert!(Modulus::new(vec![]).is_none());
        assert!(Modulus::new(vec![2, 1]).is_none());
        assert!(Modulus::new(vec![3, 0]).is_none());
        let m = Modulus::new(vec![7, 1]).unwrap();
        assert_eq!(m.pow(&[7, 1], 3), None, "base == n");
        assert_eq!(m.pow(&[1], 3), None, "short base");
        assert_eq!(m.pow(&[1, 0], 0), None, "e == 0");
    }

    #[test]
    fn byte_conversions() {
        assert_eq!(
            limbs_from_be(&[0, 0, 1, 2, 3, 4, 5], 2),
            Some(vec![0x0203_0405, 0x01])
        );
        assert_eq!(limbs_from_be(&[1, 0, 0, 0, 0], 1), None);
        assert_eq!(limbs_from_be(&[0, 0, 0, 0, 9], 1), Some(vec![9]));
        assert_eq!(
            limbs_to_be(&[0x0203_0405, 0x01], 6),
            Some(vec![0, 1, 2, 3, 4, 5])
        );
        assert_eq!(limbs_to_be(&[0x0203_0405, 0x01], 4), None);
    }
}
