//! The trace IR: typed SSA operations over int, float and ref values.
//!
//! A [`Trace`] is a linear list of [`Op`]s. The first `num_inputs` ops are
//! `input` pseudo-ops (the trace's parameters); every other op may refer to
//! earlier ops or to constants through an [`Operand`]. Guards carry a
//! [`Snapshot`] that says how to rebuild the interpreter's frames if the
//! guard fails. Argument lists and snapshots live in a `bumpalo` arena owned
//! by whoever builds the trace; the ops vector itself is an ordinary `Vec`.
//!
//! The text form (see [`text`] and [`parse`]) is stable: printing a trace and
//! parsing the result gives the same trace back.

pub mod descr;
pub mod parse;
pub mod text;

use bumpalo::Bump;
/// The arena traces are allocated in.
pub use bumpalo::Bump as Arena;
pub use descr::{
    ArrayDescr, CallDescr, Effects, FieldDescr, FieldFlags, MemKind, ResidualFn,
    TypeDescr,
};

/// The type of an SSA value.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Type {
    /// A 64-bit integer (also used for raw words and pointers to non-GC memory).
    Int,
    /// A 64-bit IEEE float.
    Float,
    /// An address of a GC-managed object (zero-extended to 64 bits).
    Ref,
    /// No value.
    Void,
}

impl Type {
    /// The one-letter prefix used for values of this type in the text form.
    pub fn letter(self) -> char {
        match self {
            Type::Int => 'i',
            Type::Float => 'f',
            Type::Ref => 'r',
            Type::Void => 'v',
        }
    }
}

/// Index of an op inside its trace.
pub type OpId = u32;

/// An argument of an operation: the result of an earlier op, a constant, or
/// (only inside snapshots) a virtual object that the resume code must build.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Operand {
    Op(OpId),
    Int(i64),
    /// A float constant, stored as its bit pattern so that operands can be hashed.
    Float(u64),
    /// A constant reference (address of a GC object, or 0 for null).
    Ref(u64),
    /// Index into the enclosing snapshot's `virtuals`.
    Virtual(u32),
}

impl Operand {
    pub fn float(v: f64) -> Operand {
        Operand::Float(v.to_bits())
    }
    pub fn is_const(self) -> bool {
        matches!(self, Operand::Int(_) | Operand::Float(_) | Operand::Ref(_))
    }
    /// The constant's raw 64-bit word, if this operand is a constant.
    pub fn const_bits(self) -> Option<u64> {
        match self {
            Operand::Int(v) => Some(v as u64),
            Operand::Float(b) | Operand::Ref(b) => Some(b),
            _ => None,
        }
    }
    pub fn as_int(self) -> Option<i64> {
        match self {
            Operand::Int(v) => Some(v),
            _ => None,
        }
    }
    pub fn as_float(self) -> Option<f64> {
        match self {
            Operand::Float(b) => Some(f64::from_bits(b)),
            _ => None,
        }
    }
    pub fn as_ref_const(self) -> Option<u64> {
        match self {
            Operand::Ref(b) => Some(b),
            _ => None,
        }
    }
    pub fn as_op(self) -> Option<OpId> {
        match self {
            Operand::Op(id) => Some(id),
            _ => None,
        }
    }
    /// A constant of the given type holding `bits`.
    pub fn constant(ty: Type, bits: u64) -> Operand {
        match ty {
            Type::Int => Operand::Int(bits as i64),
            Type::Float => Operand::Float(bits),
            Type::Ref => Operand::Ref(bits),
            Type::Void => panic!("no constants of type void"),
        }
    }
}

/// The green key of a position in the user program (e.g. code object and
/// instruction offset). Two words are enough for every interpreter so far.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord)]
pub struct Greens(pub u64, pub u64);

/// What an op does, which decides how the optimizer may treat it.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum OpClass {
    /// Trace parameter.
    Input,
    /// No side effects; result depends only on the arguments.
    Pure,
    /// Reads memory; no side effects.
    Load,
    /// Writes memory or has other effects.
    Effect,
    /// Allocates a fresh object.
    Alloc,
    /// Residual call; its descriptor's [`Effects`] say more.
    Call,
    /// Checks a condition; exits the trace through its snapshot if it fails.
    Guard,
    /// Loop header, jump, finish.
    Control,
    /// No code; kept for logs.
    Debug,
}

macro_rules! define_opcodes {
    ($($variant:ident = $text:literal, $class:ident, $arity:expr;)*) => {
        /// Every operation of the IR.
        #[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
        pub enum Opcode { $($variant,)* }

        impl Opcode {
            pub const ALL: &'static [Opcode] = &[$(Opcode::$variant,)*];
            /// Name in the text form.
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$variant => $text,)* }
            }
            pub fn class(self) -> OpClass {
                match self { $(Opcode::$variant => OpClass::$class,)* }
            }
            /// Number of arguments, or `None` when variable.
            pub fn arity(self) -> Option<usize> {
                match self { $(Opcode::$variant => $arity,)* }
            }
            pub fn from_name(name: &str) -> Option<Opcode> {
                match name { $($text => Some(Opcode::$variant),)* _ => None }
            }
        }
    };
}

define_opcodes! {
    Input = "input", Input, Some(0);
    // integers (C semantics: wrapping arithmetic, truncating division)
    IntAdd = "int_add", Pure, Some(2);
    IntSub = "int_sub", Pure, Some(2);
    IntMul = "int_mul", Pure, Some(2);
    IntDiv = "int_div", Pure, Some(2);
    IntMod = "int_mod", Pure, Some(2);
    IntAnd = "int_and", Pure, Some(2);
    IntOr = "int_or", Pure, Some(2);
    IntXor = "int_xor", Pure, Some(2);
    IntLshift = "int_lshift", Pure, Some(2);
    IntRshift = "int_rshift", Pure, Some(2);
    UintRshift = "uint_rshift", Pure, Some(2);
    IntNeg = "int_neg", Pure, Some(1);
    IntInvert = "int_invert", Pure, Some(1);
    IntLt = "int_lt", Pure, Some(2);
    IntLe = "int_le", Pure, Some(2);
    IntEq = "int_eq", Pure, Some(2);
    IntNe = "int_ne", Pure, Some(2);
    IntGt = "int_gt", Pure, Some(2);
    IntGe = "int_ge", Pure, Some(2);
    UintLt = "uint_lt", Pure, Some(2);
    UintLe = "uint_le", Pure, Some(2);
    UintGt = "uint_gt", Pure, Some(2);
    UintGe = "uint_ge", Pure, Some(2);
    IntIsZero = "int_is_zero", Pure, Some(1);
    IntIsTrue = "int_is_true", Pure, Some(1);
    // overflow-checked arithmetic: must be followed by guard_no_overflow / guard_overflow
    IntAddOvf = "int_add_ovf", Pure, Some(2);
    IntSubOvf = "int_sub_ovf", Pure, Some(2);
    IntMulOvf = "int_mul_ovf", Pure, Some(2);
    // floats
    FloatAdd = "float_add", Pure, Some(2);
    FloatSub = "float_sub", Pure, Some(2);
    FloatMul = "float_mul", Pure, Some(2);
    FloatTrueDiv = "float_truediv", Pure, Some(2);
    FloatNeg = "float_neg", Pure, Some(1);
    FloatAbs = "float_abs", Pure, Some(1);
    FloatLt = "float_lt", Pure, Some(2);
    FloatLe = "float_le", Pure, Some(2);
    FloatEq = "float_eq", Pure, Some(2);
    FloatNe = "float_ne", Pure, Some(2);
    FloatGt = "float_gt", Pure, Some(2);
    FloatGe = "float_ge", Pure, Some(2);
    CastIntToFloat = "cast_int_to_float", Pure, Some(1);
    CastFloatToInt = "cast_float_to_int", Pure, Some(1);
    FloatToBits = "float_to_bits", Pure, Some(1);
    BitsToFloat = "bits_to_float", Pure, Some(1);
    // references
    PtrEq = "ptr_eq", Pure, Some(2);
    PtrNe = "ptr_ne", Pure, Some(2);
    CastPtrToInt = "cast_ptr_to_int", Pure, Some(1);
    CastIntToPtr = "cast_int_to_ptr", Pure, Some(1);
    SameAs = "same_as", Pure, Some(1);
    // memory
    GetField = "getfield", Load, Some(1);
    SetField = "setfield", Effect, Some(2);
    GetArrayItem = "getarrayitem", Load, Some(2);
    SetArrayItem = "setarrayitem", Effect, Some(3);
    New = "new", Alloc, Some(0);
    NewArray = "new_array", Alloc, Some(1);
    // calls into plain Rust
    Call = "call", Call, None;
    CallPure = "call_pure", Call, None;
    // guards
    GuardTrue = "guard_true", Guard, Some(1);
    GuardFalse = "guard_false", Guard, Some(1);
    GuardValue = "guard_value", Guard, Some(2);
    GuardClass = "guard_class", Guard, Some(1);
    GuardNonNull = "guard_nonnull", Guard, Some(1);
    GuardIsNull = "guard_isnull", Guard, Some(1);
    GuardNoOverflow = "guard_no_overflow", Guard, Some(0);
    GuardOverflow = "guard_overflow", Guard, Some(0);
    GuardNoException = "guard_no_exception", Guard, Some(0);
    GuardException = "guard_exception", Guard, Some(0);
    GuardNotInvalidated = "guard_not_invalidated", Guard, Some(0);
    GuardGcNotDue = "guard_gc_not_due", Guard, Some(0);
    // control
    Label = "label", Control, None;
    Jump = "jump", Control, None;
    Finish = "finish", Control, None;
    // markers
    QuasiImmutField = "quasiimmut_field", Debug, Some(1);
    DebugMergePoint = "debug_merge_point", Debug, Some(0);
}

impl Opcode {
    pub fn is_guard(self) -> bool {
        self.class() == OpClass::Guard
    }
    /// Overflow-checked ops whose result is only meaningful together with
    /// the overflow guard that follows.
    pub fn is_ovf(self) -> bool {
        matches!(self, Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf)
    }
    /// Comparisons and other ops whose result is 0 or 1.
    pub fn returns_bool(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            IntLt | IntLe | IntEq | IntNe | IntGt | IntGe | UintLt | UintLe | UintGt | UintGe
                | IntIsZero | IntIsTrue | FloatLt | FloatLe | FloatEq | FloatNe | FloatGt
                | FloatGe | PtrEq | PtrNe
        )
    }
}

/// Where an op's extra static information comes from.
#[derive(Copy, Clone, Debug)]
pub enum Descr<'a> {
    None,
    Field(&'static FieldDescr),
    Array(&'static ArrayDescr),
    Call(&'static CallDescr),
    Type(&'static TypeDescr),
    /// `debug_merge_point`: the position and a human-readable description.
    Merge(Greens, &'a str),
    /// `jump`: the target.
    Target(JumpTarget),
}

impl PartialEq for Descr<'_> {
    fn eq(&self, other: &Self) -> bool {
        use Descr::*;
        match (self, other) {
            (None, None) => true,
            (Field(a), Field(b)) => std::ptr::eq(*a, *b),
            (Array(a), Array(b)) => std::ptr::eq(*a, *b),
            (Call(a), Call(b)) => std::ptr::eq(*a, *b),
            (Type(a), Type(b)) => std::ptr::eq(*a, *b),
            (Merge(g1, s1), Merge(g2, s2)) => g1 == g2 && s1 == s2,
            (Target(a), Target(b)) => a == b,
            _ => false,
        }
    }
}

/// Where a `jump` goes.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Hash)]
pub enum JumpTarget {
    /// The last `label` of this trace (the loop closes on itself).
    SelfLoop,
    /// The entry of another compiled loop, by its token number.
    Loop(u32),
}

/// How execution continues in the interpreter when a guard fails.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ResumeKind {
    /// Rebuild the state at the start of the instruction and execute it again.
    Reexecute,
    /// Rebuild the state at the start of the instruction and raise the
    /// pending exception there (the guard was `guard_no_exception`).
    Raise,
}

/// One interpreter frame in a snapshot: its position and the values of its
/// first `slots.len()` slots (words of the virtualizable frame).
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct SnapFrame<'a> {
    pub greens: Greens,
    pub slots: &'a [Operand],
}

/// What a failing guard needs to rebuild the interpreter's state: frames
/// from the outermost (the trace's base frame) to the innermost.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Snapshot<'a> {
    pub frames: &'a [SnapFrame<'a>],
    /// Objects that were not allocated in the trace and must be built on resume.
    pub virtuals: &'a [VirtualObj<'a>],
}

/// An object whose allocation the optimizer removed.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct VirtualObj<'a> {
    pub kind: VirtualKind,
    pub fields: &'a [(VirtualField, Operand)],
}

#[derive(Copy, Clone, Debug)]
pub enum VirtualKind {
    Struct(&'static TypeDescr),
    Array(&'static TypeDescr, u32),
    /// The result of a residual call the optimizer removed (see
    /// [`crate::opt::sink`]): made again on resume by calling the function
    /// with the object's fields ([`VirtualField::Arg`]) as arguments.
    Call(&'static CallDescr),
}

impl PartialEq for VirtualKind {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (VirtualKind::Struct(a), VirtualKind::Struct(b)) => std::ptr::eq(*a, *b),
            (VirtualKind::Array(a, n), VirtualKind::Array(b, m)) => std::ptr::eq(*a, *b) && n == m,
            (VirtualKind::Call(a), VirtualKind::Call(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

/// A field of a virtual object: a struct field or an array element.
#[derive(Copy, Clone, Debug)]
pub enum VirtualField {
    Field(&'static FieldDescr),
    Item(&'static ArrayDescr, u32),
    /// The k-th argument of a [`VirtualKind::Call`].
    Arg(u32),
}

impl PartialEq for VirtualField {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (VirtualField::Field(a), VirtualField::Field(b)) => std::ptr::eq(*a, *b),
            (VirtualField::Item(a, i), VirtualField::Item(b, j)) => std::ptr::eq(*a, *b) && i == j,
            (VirtualField::Arg(i), VirtualField::Arg(j)) => i == j,
            _ => false,
        }
    }
}

/// One operation.
#[derive(Copy, Clone, Debug)]
pub struct Op<'a> {
    pub opcode: Opcode,
    /// Result type (`Void` for ops without a result).
    pub ty: Type,
    pub args: &'a [Operand],
    pub descr: Descr<'a>,
    /// Set on guards only.
    pub snapshot: Option<&'a Snapshot<'a>>,
}

impl<'a> Op<'a> {
    pub fn new(opcode: Opcode, ty: Type, args: &'a [Operand]) -> Op<'a> {
        Op { opcode, ty, args, descr: Descr::None, snapshot: None }
    }
    pub fn arg(&self, i: usize) -> Operand {
        self.args[i]
    }
}

/// What a trace starts from.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum TraceKind {
    /// A loop starting at a loop header.
    Loop,
    /// A bridge starting at a failing guard of another trace.
    Bridge,
    /// A trace starting at a function's entry, ending with `finish` when
    /// the function returns (or jumping to a compiled loop).
    Function,
}

/// A linear trace of operations.
pub struct Trace<'a> {
    pub arena: &'a Bump,
    pub kind: TraceKind,
    pub num_inputs: usize,
    pub ops: Vec<Op<'a>>,
}

impl<'a> Trace<'a> {
    pub fn new(arena: &'a Bump, kind: TraceKind) -> Trace<'a> {
        Trace { arena, kind, num_inputs: 0, ops: Vec::new() }
    }

    /// Adds an input of type `ty`; inputs must come before any other op.
    pub fn add_input(&mut self, ty: Type) -> Operand {
        assert_eq!(self.ops.len(), self.num_inputs, "inputs must come first");
        self.ops.push(Op::new(Opcode::Input, ty, &[]));
        self.num_inputs += 1;
        Operand::Op(self.ops.len() as OpId - 1)
    }

    /// Appends `op` and returns an operand naming its result.
    pub fn push(&mut self, op: Op<'a>) -> Operand {
        self.ops.push(op);
        Operand::Op(self.ops.len() as OpId - 1)
    }

    /// Appends an op with the given args (copied into the arena).
    pub fn emit(&mut self, opcode: Opcode, ty: Type, args: &[Operand], descr: Descr<'a>) -> Operand {
        let args = self.arena.alloc_slice_copy(args);
        self.push(Op { opcode, ty, args, descr, snapshot: None })
    }

    pub fn input_types(&self) -> Vec<Type> {
        self.ops[..self.num_inputs].iter().map(|op| op.ty).collect()
    }

    /// The type of an operand.
    pub fn type_of(&self, o: Operand) -> Type {
        match o {
            Operand::Op(id) => self.ops[id as usize].ty,
            Operand::Int(_) => Type::Int,
            Operand::Float(_) => Type::Float,
            Operand::Ref(_) => Type::Ref,
            Operand::Virtual(_) => Type::Ref,
        }
    }

    /// Number of ops that are neither inputs nor debug markers.
    pub fn num_real_ops(&self) -> usize {
        self.ops.iter().filter(|o| !matches!(o.opcode.class(), OpClass::Input | OpClass::Debug)).count()
    }

    pub fn guards(&self) -> impl Iterator<Item = (usize, &Op<'a>)> {
        self.ops.iter().enumerate().filter(|(_, o)| o.opcode.is_guard())
    }

    /// Checks the structural invariants every pass must keep: operands refer
    /// to earlier ops, guards have snapshots, descriptors have the right
    /// kind, calls the right arity, overflow guards directly follow an
    /// overflow op, labels name distinct ops, and the trace ends with its
    /// only `jump` or `finish` (a `jump` to itself needs a label of the same
    /// arity).
    pub fn verify(&self) -> Result<(), String> {
        let mut last_label: Option<usize> = None;
        for (i, op) in self.ops.iter().enumerate() {
            let name = op.opcode.name();
            if (i < self.num_inputs) != (op.opcode == Opcode::Input) {
                return Err(format!("op {i}: inputs must come first"));
            }
            if let Some(n) = op.opcode.arity() {
                if op.args.len() != n {
                    return Err(format!("op {i} ({name}): expected {n} args, got {}", op.args.len()));
                }
            }
            for a in op.args {
                check_operand(*a, i, &self.ops, None)?;
            }
            let descr_ok = match op.opcode {
                Opcode::GetField | Opcode::SetField | Opcode::QuasiImmutField => matches!(op.descr, Descr::Field(_)),
                Opcode::GetArrayItem | Opcode::SetArrayItem => matches!(op.descr, Descr::Array(_)),
                Opcode::GuardClass => matches!(op.descr, Descr::Type(_)),
                Opcode::New => match op.descr {
                    Descr::Type(t) if t.var.is_some() => return Err(format!("op {i} (new): {} is variable-sized (use new_array)", t.name)),
                    d => matches!(d, Descr::Type(_)),
                },
                Opcode::NewArray => match op.descr {
                    Descr::Type(t) if t.var.is_none() => return Err(format!("op {i} (new_array): {} is not variable-sized", t.name)),
                    d => matches!(d, Descr::Type(_)),
                },
                Opcode::Call | Opcode::CallPure => match op.descr {
                    Descr::Call(c) if c.func.arity() == op.args.len() => true,
                    Descr::Call(c) => return Err(format!("op {i} ({name}): {} takes {} arguments, got {}", c.name, c.func.arity(), op.args.len())),
                    _ => false,
                },
                Opcode::Jump => matches!(op.descr, Descr::Target(_)),
                _ => true,
            };
            if !descr_ok {
                return Err(format!("op {i} ({name}): missing descriptor or descriptor of the wrong kind"));
            }
            if matches!(op.opcode, Opcode::GuardNoOverflow | Opcode::GuardOverflow) && !(i > 0 && self.ops[i - 1].opcode.is_ovf()) {
                return Err(format!("op {i} ({name}): must directly follow an overflow-checked op"));
            }
            if op.opcode == Opcode::Label {
                for (k, a) in op.args.iter().enumerate() {
                    if a.as_op().is_none() || op.args[..k].contains(a) {
                        return Err(format!("op {i} (label): arguments must be distinct values"));
                    }
                }
                last_label = Some(i);
            }
            if matches!(op.opcode, Opcode::Jump | Opcode::Finish) && i + 1 != self.ops.len() {
                return Err(format!("op {i} ({name}): must be the last op"));
            }
            if op.opcode == Opcode::Jump && op.descr == Descr::Target(JumpTarget::SelfLoop) {
                match last_label {
                    Some(l) if self.ops[l].args.len() == op.args.len() => {}
                    Some(l) => return Err(format!("op {i} (jump): the label takes {} values, the jump passes {}", self.ops[l].args.len(), op.args.len())),
                    None => return Err(format!("op {i} (jump): jump to self without a label")),
                }
            }
            if op.opcode.is_guard() {
                let snap = op.snapshot.ok_or_else(|| format!("op {i} ({name}): guard without snapshot"))?;
                for f in snap.frames {
                    for a in f.slots {
                        check_operand(*a, i, &self.ops, Some(snap))?;
                    }
                }
                for v in snap.virtuals {
                    for (_, a) in v.fields {
                        check_operand(*a, i, &self.ops, Some(snap))?;
                    }
                }
            }
        }
        match self.ops.last() {
            Some(op) if matches!(op.opcode, Opcode::Jump | Opcode::Finish) => Ok(()),
            _ => Err("trace must end with jump or finish".into()),
        }
    }
}

fn check_operand(a: Operand, at: usize, ops: &[Op], snap: Option<&Snapshot>) -> Result<(), String> {
    match a {
        Operand::Op(id) if id as usize >= at => Err(format!("op {at}: uses op {id} before it is defined")),
        Operand::Op(id) if ops[id as usize].ty == Type::Void => Err(format!("op {at}: uses void op {id}")),
        Operand::Virtual(v) => match snap {
            Some(s) if (v as usize) < s.virtuals.len() => Ok(()),
            _ => Err(format!("op {at}: bad virtual v{v}")),
        },
        _ => Ok(()),
    }
}
