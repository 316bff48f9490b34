//! Residual calls: plain Rust functions that traces call instead of tracing
//! through them (RPython's `dont_look_inside`), with their effects declared.
//!
//! [`residual!`](crate::residual) turns an ordinary Rust function into a
//! mode-generic function: in concrete mode it calls the Rust function
//! directly; while recording it calls it too and records a `call` (or
//! `call_pure` for elidable functions, which fold away when all arguments are
//! constants). Values cross the call boundary as 64-bit words; the [`Word`]
//! trait says how a Rust type becomes a word and which IR type it has.
//!
//! ```ignore
//! fn list_len(list: Ref) -> i64 { ... }
//! kiln::residual!(pub fn call_list_len = list_len(list: Ref) -> i64; READS);
//! // in a handler:  let n = call_list_len(m, list);
//!
//! fn getitem(list: Ref, i: i64) -> Result<i64, Exc> { ... }
//! kiln::residual!(raises pub fn call_getitem = getitem(list: Ref, i: i64) -> i64; READS | ALLOCATES);
//! // in a handler:  match call_getitem(m, list, i) { Ok(v) => ..., Err(exc) => raise }
//! ```

use crate::ir::Type;
use crate::mode::{Arg, Mode, Ret};

/// A Rust type that travels as one 64-bit word through residual calls.
pub trait Word: Copy {
    const TYPE: Type;
    fn to_word(self) -> u64;
    fn from_word(w: u64) -> Self;
}

/// How a [`Word`] type appears inside a mode: which mode value type carries
/// it and how to convert.
pub trait ModeValue<M: Mode + ?Sized>: Word {
    type V: Copy;
    fn to_arg(v: Self::V) -> Arg<M>;
    fn from_ret(r: Ret<M>) -> Self::V;
    /// The concrete value (only used by concrete mode's direct calls).
    fn peek(m: &M, v: Self::V) -> Self;
    /// A constant of this value.
    fn lift(m: &mut M, x: Self) -> Self::V;
}

macro_rules! int_words {
    ($($t:ty),*) => {$(
        impl Word for $t {
            const TYPE: Type = Type::Int;
            #[inline(always)]
            fn to_word(self) -> u64 { self as i64 as u64 }
            #[inline(always)]
            fn from_word(w: u64) -> Self { w as $t }
        }
        impl<M: Mode + ?Sized> ModeValue<M> for $t {
            type V = M::I;
            #[inline(always)]
            fn to_arg(v: M::I) -> Arg<M> { Arg::I(v) }
            #[inline(always)]
            fn from_ret(r: Ret<M>) -> M::I { r.int() }
            #[inline(always)]
            fn peek(m: &M, v: M::I) -> Self { m.peek_int(v) as $t }
            #[inline(always)]
            fn lift(m: &mut M, x: Self) -> M::I { m.int(x as i64) }
        }
    )*};
}
int_words!(i64, u64, usize, isize, i32, u32, i16, u16, i8, u8);

impl Word for bool {
    const TYPE: Type = Type::Int;
    #[inline(always)]
    fn to_word(self) -> u64 {
        self as u64
    }
    #[inline(always)]
    fn from_word(w: u64) -> Self {
        w != 0
    }
}
impl<M: Mode + ?Sized> ModeValue<M> for bool {
    type V = M::I;
    #[inline(always)]
    fn to_arg(v: M::I) -> Arg<M> {
        Arg::I(v)
    }
    #[inline(always)]
    fn from_ret(r: Ret<M>) -> M::I {
        r.int()
    }
    #[inline(always)]
    fn peek(m: &M, v: M::I) -> Self {
        m.peek_int(v) != 0
    }
    #[inline(always)]
    fn lift(m: &mut M, x: Self) -> M::I {
        m.int(x as i64)
    }
}

impl Word for f64 {
    const TYPE: Type = Type::Float;
    #[inline(always)]
    fn to_word(self) -> u64 {
        self.to_bits()
    }
    #[inline(always)]
    fn from_word(w: u64) -> Self {
        f64::from_bits(w)
    }
}
impl<M: Mode + ?Sized> ModeValue<M> for f64 {
    type V = M::F;
    #[inline(always)]
    fn to_arg(v: M::F) -> Arg<M> {
        Arg::F(v)
    }
    #[inline(always)]
    fn from_ret(r: Ret<M>) -> M::F {
        r.float()
    }
    #[inline(always)]
    fn peek(m: &M, v: M::F) -> Self {
        m.peek_float(v)
    }
    #[inline(always)]
    fn lift(m: &mut M, x: Self) -> M::F {
        m.float(x)
    }
}

impl Word for () {
    const TYPE: Type = Type::Void;
    #[inline(always)]
    fn to_word(self) -> u64 {
        0
    }
    #[inline(always)]
    fn from_word(_: u64) -> Self {}
}
impl<M: Mode + ?Sized> ModeValue<M> for () {
    type V = ();
    fn to_arg(_: ()) -> Arg<M> {
        panic!("() is not a residual argument")
    }
    #[inline(always)]
    fn from_ret(_: Ret<M>) {}
    #[inline(always)]
    fn peek(_: &M, _: ()) {}
    #[inline(always)]
    fn lift(_: &mut M, _: ()) {}
}

/// A type that is a reference to a GC object (or another address the
/// optimizer should treat as a reference). Implement it for an
/// interpreter's reference newtype to use it in residual signatures.
pub trait RefWord: Copy {
    fn addr(self) -> usize;
    fn from_addr(a: usize) -> Self;
}

/// A plain GC reference.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct Ref(pub usize);

impl RefWord for Ref {
    #[inline(always)]
    fn addr(self) -> usize {
        self.0
    }
    #[inline(always)]
    fn from_addr(a: usize) -> Self {
        Ref(a)
    }
}

impl<T: RefWord> Word for T {
    const TYPE: Type = Type::Ref;
    #[inline(always)]
    fn to_word(self) -> u64 {
        self.addr() as u64
    }
    #[inline(always)]
    fn from_word(w: u64) -> Self {
        T::from_addr(w as usize)
    }
}
impl<M: Mode + ?Sized, T: RefWord> ModeValue<M> for T {
    type V = M::R;
    #[inline(always)]
    fn to_arg(v: M::R) -> Arg<M> {
        Arg::R(v)
    }
    #[inline(always)]
    fn from_ret(r: Ret<M>) -> M::R {
        r.reference()
    }
    #[inline(always)]
    fn peek(m: &M, v: M::R) -> Self {
        T::from_addr(m.peek_ref(v))
    }
    #[inline(always)]
    fn lift(m: &mut M, x: Self) -> M::R {
        m.const_ref(x.addr())
    }
}

/// Declares a residual call; see the module documentation of
/// [`kiln::residual`](crate::residual).
///
/// Forms:
/// * `residual!(vis fn name = path(args...) -> Ret; EFFECT | EFFECT);`
/// * `residual!(raises vis fn name = path(args...) -> Ret; EFFECT | ...);`
///   where `path` returns `Result<Ret, E>` with `E: Word` (the exception
///   word); the generated function returns `Result<Ret's mode value, M::I>`.
///
/// Effects are the names of the [`Effects`](crate::ir::Effects) constants
/// (`ELIDABLE`, `CAN_RAISE`, `ALLOCATES`, `WRITES`, `INVALIDATES`, `READS`),
/// or `NONE`.
#[macro_export]
macro_rules! residual {
    ($(#[$meta:meta])* $vis:vis fn $name:ident = $($func:ident)::+ ( $($arg:ident : $aty:ty),* $(,)? ) -> $ret:ty ; $($eff:ident)|+ $(;)?) => {
        $(#[$meta])*
        #[allow(clippy::unused_unit)]
        $vis fn $name<M: $crate::Mode>(m: &mut M, $($arg: <$aty as $crate::ModeValue<M>>::V),*) -> <$ret as $crate::ModeValue<M>>::V {
            extern "C" fn abi($($arg: u64),*) -> u64 {
                <$ret as $crate::Word>::to_word($($func)::+($(<$aty as $crate::Word>::from_word($arg)),*))
            }
            static DESCR: $crate::ir::CallDescr = $crate::ir::CallDescr {
                name: stringify!($name),
                func: $crate::residual!(@abi abi; $($arg)*),
                args: &[$(<$aty as $crate::Word>::TYPE),*],
                ret: <$ret as $crate::Word>::TYPE,
                effects: $crate::ir::Effects(0 $(| $crate::ir::Effects::$eff.0)+),
            };
            if !M::RECORDING {
                $(let $arg = <$aty as $crate::ModeValue<M>>::peek(m, $arg);)*
                let r = $($func)::+($($arg),*);
                return <$ret as $crate::ModeValue<M>>::lift(m, r);
            }
            match m.call(&DESCR, [$(<$aty as $crate::ModeValue<M>>::to_arg($arg)),*]) {
                Ok(r) => <$ret as $crate::ModeValue<M>>::from_ret(r),
                Err(_) => unreachable!("{} is not declared raises", stringify!($name)),
            }
        }
    };
    (raises $(#[$meta:meta])* $vis:vis fn $name:ident = $($func:ident)::+ ( $($arg:ident : $aty:ty),* $(,)? ) -> $ret:ty ; $($eff:ident)|+ $(;)?) => {
        $(#[$meta])*
        #[allow(clippy::unused_unit)]
        $vis fn $name<M: $crate::Mode>(m: &mut M, $($arg: <$aty as $crate::ModeValue<M>>::V),*) -> Result<<$ret as $crate::ModeValue<M>>::V, M::I> {
            extern "C" fn abi($($arg: u64),*) -> u64 {
                match $($func)::+($(<$aty as $crate::Word>::from_word($arg)),*) {
                    Ok(v) => <$ret as $crate::Word>::to_word(v),
                    Err(e) => { $crate::ctx::raise($crate::Word::to_word(e)); 0 }
                }
            }
            static DESCR: $crate::ir::CallDescr = $crate::ir::CallDescr {
                name: stringify!($name),
                func: $crate::residual!(@abi abi; $($arg)*),
                args: &[$(<$aty as $crate::Word>::TYPE),*],
                ret: <$ret as $crate::Word>::TYPE,
                effects: $crate::ir::Effects($crate::ir::Effects::CAN_RAISE.0 $(| $crate::ir::Effects::$eff.0)+),
            };
            if !M::RECORDING {
                $(let $arg = <$aty as $crate::ModeValue<M>>::peek(m, $arg);)*
                return match $($func)::+($($arg),*) {
                    Ok(r) => Ok(<$ret as $crate::ModeValue<M>>::lift(m, r)),
                    Err(e) => Err(m.int($crate::Word::to_word(e) as i64)),
                };
            }
            m.call(&DESCR, [$(<$aty as $crate::ModeValue<M>>::to_arg($arg)),*])
                .map(|r| <$ret as $crate::ModeValue<M>>::from_ret(r))
        }
    };
    (@abi $f:ident;) => { $crate::ir::ResidualFn::A0($f) };
    (@abi $f:ident; $a:ident) => { $crate::ir::ResidualFn::A1($f) };
    (@abi $f:ident; $a:ident $b:ident) => { $crate::ir::ResidualFn::A2($f) };
    (@abi $f:ident; $a:ident $b:ident $c:ident) => { $crate::ir::ResidualFn::A3($f) };
    (@abi $f:ident; $a:ident $b:ident $c:ident $d:ident) => { $crate::ir::ResidualFn::A4($f) };
    (@abi $f:ident; $a:ident $b:ident $c:ident $d:ident $e:ident) => { $crate::ir::ResidualFn::A5($f) };
    (@abi $f:ident; $a:ident $b:ident $c:ident $d:ident $e:ident $g:ident) => { $crate::ir::ResidualFn::A6($f) };
}
