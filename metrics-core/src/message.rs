//! A message built by the compiler, during `const` evaluation: what the compile-time checks
//! (`checks`, `rules`) report, with the names and numbers of the declarations. Hand-written
//! because `format!` cannot run in a `const` context.

/// A message built during const evaluation.
#[derive(Debug)]
pub struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    /// An empty message.
    pub const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    /// Appends `s`, cut at the capacity.
    pub const fn push(mut self, s: &str) -> Self {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = b[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// Appends a number in decimal.
    pub const fn push_usize(mut self, mut n: usize) -> Self {
        let mut digits = [0u8; 20];
        let mut len = 0;
        loop {
            digits[len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while len > 0 && self.len < self.bytes.len() {
            len -= 1;
            self.bytes[self.len] = digits[len];
            self.len += 1;
        }
        self
    }

    /// Appends a number as Rust writes it (`0.01`, `250`, `+Inf`), with the fewest decimals that
    /// give back the same `f64`; a number that needs an exponent is written as `m.mmmmmme±x`.
    pub const fn push_f64(self, value: f64) -> Self {
        if value.is_nan() {
            return self.push("NaN");
        }
        if value.is_infinite() {
            return self.push(if value > 0.0 { "+Inf" } else { "-Inf" });
        }
        let (mut message, value) = if value < 0.0 {
            (self.push("-"), -value)
        } else {
            (self, value)
        };
        // `digits / 10^decimals` is the nearest `f64` to that decimal exactly when the division
        // gives `value` back: both operands are exact below 2^53 and 10^22, and IEEE division
        // rounds correctly.
        let mut decimals = 0;
        let mut scale = 1.0;
        while decimals <= 17 {
            let scaled = value * scale;
            if scaled >= 9_007_199_254_740_992.0 {
                break;
            }
            let digits = (scaled + 0.5) as u64;
            if digits as f64 / scale == value {
                return message.push_decimal(digits, decimals);
            }
            decimals += 1;
            scale *= 10.0;
        }
        if value >= 1.0 && value < 18_446_744_073_709_551_616.0 {
            // An integer above 2^53: every f64 there is one.
            return message.push_decimal(value as u64, 0);
        }
        // Out of the range of fixed notation: seven significant digits and an exponent.
        let mut exponent: i32 = 0;
        let mut mantissa = value;
        while mantissa >= 10.0 {
            mantissa /= 10.0;
            exponent += 1;
        }
        while mantissa < 1.0 {
            mantissa *= 10.0;
            exponent -= 1;
        }
        message = message
            .push_decimal((mantissa * 1e6 + 0.5) as u64, 6)
            .push("e");
        if exponent < 0 {
            message = message.push("-");
        }
        message.push_usize(exponent.unsigned_abs() as usize)
    }

    /// Appends `digits / 10^decimals` in decimal, without trailing zeros after the point.
    const fn push_decimal(self, mut digits: u64, mut decimals: u32) -> Self {
        while decimals > 0 && digits.is_multiple_of(10) {
            digits /= 10;
            decimals -= 1;
        }
        let scale = 10u64.pow(decimals);
        let message = self.push_usize((digits / scale) as usize);
        if decimals == 0 {
            return message;
        }
        let mut message = message.push(".");
        let mut fraction = digits % scale;
        let mut place = scale / 10;
        while place > 0 {
            message = message.push_usize((fraction / place) as usize);
            fraction %= place;
            place /= 10;
        }
        message
    }

    /// The message, as far as it is valid UTF-8.
    pub const fn as_str(&self) -> &str {
        let (head, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(head) {
            Ok(s) => s,
            Err(e) => match core::str::from_utf8(head.split_at(e.valid_up_to()).0) {
                Ok(s) => s,
                Err(_) => "",
            },
        }
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_rust_writes_them() {
        for value in [
            0.0, 1.0, 250.0, 0.1, 0.01, 0.005, 2.5, 0.25, 1e-9, 123.456, 1e15, 1e17, 1.5e300, -0.5,
            0.3, 1e-300,
        ] {
            let written = Message::new().push_f64(value);
            let expected = format!("{value}");
            if expected.len() < 40 {
                assert_eq!(written.as_str(), expected, "{value:e}");
            } else {
                assert!(written.as_str().contains('e'), "{}", written.as_str());
                let back: f64 = written.as_str().parse().unwrap();
                assert!((back / value - 1.0).abs() < 1e-6, "{value:e}");
            }
        }
        assert_eq!(Message::new().push_f64(f64::INFINITY).as_str(), "+Inf");
        assert_eq!(Message::new().push_f64(f64::NAN).as_str(), "NaN");
    }
}
