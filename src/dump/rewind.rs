//! A buffered reader that bytes can be pushed back into, for readers that must look ahead
//! past what a [`BufRead`] buffer guarantees (the WARC reader peeks after each record and
//! hands back the part of a block that belongs to the next one).

use std::io::{BufRead, Read};

/// Gives back the bytes pushed back first, then the rest of the stream.
pub(crate) struct Rewind<'r> {
    front: Vec<u8>,
    at: usize,
    inner: &'r mut dyn BufRead,
}

impl<'r> Rewind<'r> {
    /// A reader over `inner` with nothing pushed back.
    pub(crate) fn new(inner: &'r mut dyn BufRead) -> Self {
        Self {
            front: Vec::new(),
            at: 0,
            inner,
        }
    }

    /// Makes `bytes` the next bytes read, before anything pushed back earlier.
    pub(crate) fn push_back(&mut self, bytes: &[u8]) {
        let mut front = bytes.to_vec();
        front.extend_from_slice(self.front.get(self.at..).unwrap_or_default());
        self.front = front;
        self.at = 0;
    }
}

impl Read for Rewind<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Rewind<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.at < self.front.len() {
            Ok(self.front.get(self.at..).unwrap_or_default())
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.at < self.front.len() {
            self.at = self.at.saturating_add(amount).min(self.front.len());
            if self.at == self.front.len() {
                self.front.clear();
                self.at = 0;
            }
        } else {
            self.inner.consume(amount);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushed_back_bytes_come_first() {
        let mut stream: &[u8] = b"world";
        let mut reader = Rewind::new(&mut stream);
        reader.push_back(b"lo ");
        reader.push_back(b"hel");
        let mut all = String::new();
        reader.read_to_string(&mut all).unwrap();
        assert_eq!(all, "hello world");
    }
}
