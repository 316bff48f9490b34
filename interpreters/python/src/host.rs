//! The host's file system and standard input, as Python code sees them
//! through `open()`, `import` of a `.py` file and `input()`.
//!
//! Also the wall clock and sleeping (`time.time()`, `time.sleep`).
//!
//! Native builds use `std::fs` and the process's stdin unless an embedder
//! installs a [`HostIo`]; wasm32 has neither, so there the embedder (the
//! `kiln-web` crate: Node's `node:fs`, or a browser Worker's in-memory
//! files) must install one, and without it every file is missing and stdin
//! is empty. The hook is per thread, like the interpreter, and outlives
//! sessions: install it once, before running code.

use std::cell::RefCell;
use std::rc::Rc;

/// A failed host operation, as an OS error: `errno` picks the Python
/// exception class (2 `FileNotFoundError`, 13 `PermissionError`, 17
/// `FileExistsError`, 21 `IsADirectoryError`, others `OSError`) and
/// `message` is its `strerror` (e.g. "No such file or directory").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError {
    pub errno: i32,
    pub message: String,
}

impl HostError {
    pub fn new(errno: i32, message: impl Into<String>) -> HostError {
        HostError { errno, message: message.into() }
    }

    /// "No such file or directory", errno 2.
    pub fn not_found() -> HostError {
        HostError::new(2, "No such file or directory")
    }

    /// Reads Rust's rendering of an OS error, "Message (os error N)"; any
    /// other text becomes an `OSError` (errno 5, EIO) with that message.
    pub fn parse(text: &str) -> HostError {
        if let Some(i) = text.rfind(" (os error ") {
            let num = text[i + 11..].trim_end_matches(')');
            if let Ok(errno) = num.parse() {
                return HostError::new(errno, &text[..i]);
            }
        }
        HostError::new(5, text)
    }

    #[cfg(not(target_family = "wasm"))]
    fn from_io(e: &std::io::Error) -> HostError {
        HostError::parse(&e.to_string()).with_errno(e.raw_os_error())
    }

    #[cfg(not(target_family = "wasm"))]
    fn with_errno(mut self, errno: Option<i32>) -> HostError {
        if let Some(n) = errno {
            self.errno = n;
        }
        self
    }
}

/// What an embedder supplies. Paths are passed as the program wrote them
/// (relative paths are the host's business, like a process's working
/// directory).
pub trait HostIo {
    /// A whole file's bytes.
    fn read_file(&self, path: &str) -> Result<Vec<u8>, HostError>;
    /// Creates or replaces a file with `data`.
    fn write_file(&self, path: &str, data: &[u8]) -> Result<(), HostError>;
    /// The next line of standard input with its newline (the last line may
    /// lack one), or `None` at end of input.
    fn read_line(&self) -> Option<String> {
        None
    }
    /// Seconds since the Unix epoch (`time.time()`).
    fn wall_time(&self) -> f64;
    /// Blocks for `seconds` (`time.sleep`).
    fn sleep(&self, seconds: f64);
}

thread_local! {
    static HOST: RefCell<Option<Rc<dyn HostIo>>> = const { RefCell::new(None) };
}

/// Installs (or, with `None`, removes) this thread's host.
pub fn set_host(host: Option<Box<dyn HostIo>>) {
    HOST.with(|h| *h.borrow_mut() = host.map(Rc::from));
}

fn host() -> Option<Rc<dyn HostIo>> {
    HOST.with(|h| h.borrow().clone())
}

/// Reads a file through the host, else `std::fs` (native) or fails.
pub fn read_file(path: &str) -> Result<Vec<u8>, HostError> {
    if let Some(h) = host() {
        return h.read_file(path);
    }
    #[cfg(not(target_family = "wasm"))]
    {
        std::fs::read(path).map_err(|e| HostError::from_io(&e))
    }
    #[cfg(target_family = "wasm")]
    {
        let _ = path;
        Err(HostError::not_found())
    }
}

/// Writes a file through the host, else `std::fs` (native) or fails.
pub fn write_file(path: &str, data: &[u8]) -> Result<(), HostError> {
    if let Some(h) = host() {
        return h.write_file(path, data);
    }
    #[cfg(not(target_family = "wasm"))]
    {
        std::fs::write(path, data).map_err(|e| HostError::from_io(&e))
    }
    #[cfg(target_family = "wasm")]
    {
        let _ = (path, data);
        Err(HostError::new(30, "Read-only file system"))
    }
}

/// Reads a line of stdin through the host, else the process's (native).
pub fn read_line() -> Option<String> {
    if let Some(h) = host() {
        return h.read_line();
    }
    #[cfg(not(target_family = "wasm"))]
    {
        let mut s = String::new();
        match std::io::stdin().read_line(&mut s) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(s),
        }
    }
    #[cfg(target_family = "wasm")]
    {
        None
    }
}

/// Seconds since the Unix epoch: the host's clock, else the system's
/// (native) or the framework's monotonic clock.
pub fn wall_time() -> f64 {
    if let Some(h) = host() {
        return h.wall_time();
    }
    #[cfg(not(target_family = "wasm"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
    #[cfg(target_family = "wasm")]
    {
        kiln::clock::now()
    }
}

/// Sleeps through the host, else the thread (native; no-op on wasm32).
pub fn sleep(seconds: f64) {
    if let Some(h) = host() {
        return h.sleep(seconds);
    }
    #[cfg(not(target_family = "wasm"))]
    std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_os_error_text() {
        assert_eq!(HostError::parse("No such file or directory (os error 2)"), HostError::not_found());
        assert_eq!(HostError::parse("Is a directory (os error 21)"), HostError::new(21, "Is a directory"));
        assert_eq!(HostError::parse("disk on fire"), HostError::new(5, "disk on fire"));
        assert_eq!(HostError::parse("odd (os error x)"), HostError::new(5, "odd (os error x)"));
    }

    struct Fake;
    impl HostIo for Fake {
        fn read_file(&self, path: &str) -> Result<Vec<u8>, HostError> {
            if path == "a.txt" {
                Ok(b"hi".to_vec())
            } else {
                Err(HostError::not_found())
            }
        }
        fn write_file(&self, _: &str, _: &[u8]) -> Result<(), HostError> {
            Err(HostError::new(13, "Permission denied"))
        }
        fn read_line(&self) -> Option<String> {
            Some("line\n".into())
        }
        fn wall_time(&self) -> f64 {
            1.5e9
        }
        fn sleep(&self, _: f64) {}
    }

    #[test]
    fn an_installed_host_takes_over() {
        set_host(Some(Box::new(Fake)));
        assert_eq!(read_file("a.txt").unwrap(), b"hi");
        assert_eq!(read_file("b.txt").unwrap_err().errno, 2);
        assert_eq!(write_file("a.txt", b"x").unwrap_err().errno, 13);
        assert_eq!(read_line().as_deref(), Some("line\n"));
        assert_eq!(wall_time(), 1.5e9);
        set_host(None);
        assert!(wall_time() > 1.5e9);
        assert_eq!(read_file("/no/such/kiln/file").unwrap_err(), HostError::not_found());
    }
}
