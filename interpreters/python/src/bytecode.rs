//! Kiln's Python bytecode: instructions, code objects, line/column table,
//! exception table and the static stack depth at every instruction.

use crate::value::Value;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
    /// The special method names: (normal, reflected, in-place).
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        }
    }
    pub fn from_u8(x: u8) -> BinOp {
        const ALL: [BinOp; 13] = [
            BinOp::Add,
            BinOp::Sub,
            BinOp::Mul,
            BinOp::TrueDiv,
            BinOp::FloorDiv,
            BinOp::Mod,
            BinOp::Pow,
            BinOp::LShift,
            BinOp::RShift,
            BinOp::And,
            BinOp::Or,
            BinOp::Xor,
            BinOp::MatMul,
        ];
        ALL[x as usize % 13]
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    pub fn from_u8(x: u8) -> CmpOp {
        [CmpOp::Lt, CmpOp::Le, CmpOp::Eq, CmpOp::Ne, CmpOp::Gt, CmpOp::Ge][x as usize % 6]
    }
    pub fn test<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
    Not,
}

/// One instruction. Operands index the code's tables (`consts`, `names`,
/// locals) or are jump targets (instruction indexes).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Instr {
    Nop,
    PopTop,
    /// Pushes a copy of the n-th value from the top (1 = top).
    Copy(u32),
    /// Swaps the top with the n-th value from the top.
    Swap(u32),
    PushNull,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells and free variables are numbered from 0 after the locals.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell object itself (to build closures).
    LoadClosure(u32),
    /// Wraps the local's current value (maybe an argument) in a new cell.
    MakeCell(u32),
    /// Copies the function's closure cells into the frame's free slots.
    CopyFreeVars(u32),
    /// Class bodies: the local namespace, then a class cell, then globals.
    LoadClassDeref(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes (method, self) or (callable, NULL).
    LoadMethod(u32),
    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice(u32),
    BinaryOp(BinOp),
    InplaceOp(BinOp),
    UnaryOp(UnOp),
    CompareOp(CmpOp),
    IsOp(bool),
    ContainsOp(bool),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    /// Builds a dict from n values and a tuple of keys on top.
    BuildConstKeyMap(u32),
    BuildString(u32),
    /// Format with conversion (0 none, 1 str, 2 repr, 3 ascii); bit 4: a spec is on the stack.
    FormatValue(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    /// Merges a mapping into the dict n below, rejecting duplicate keys (f(**k)).
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Star unpacking: low byte = count before, high bits = count after.
    UnpackEx(u32),
    Jump(u32),
    /// A backward jump: the loop header is the target.
    JumpBackward(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    GetIter,
    /// Pushes the iterator's next value (or NULL when exhausted); for
    /// iterators it handles inline it jumps straight to the target instead.
    ForIter(u32),
    /// After `ForIter`: on NULL, pops it and the iterator and jumps.
    ForIterCheck(u32),
    /// Calls with n arguments; below them: callable, self-or-NULL.
    Call(u32),
    /// Like `Call`; the top is a const tuple of keyword names (the last args).
    CallKw(u32),
    /// f(*args) or f(*args, **kwargs) (flag 1): callable, NULL, args tuple, [kwargs dict].
    CallEx(u32),
    /// Flags: 1 defaults tuple, 2 kw-defaults dict, 8 closure tuple; code on top.
    MakeFunction(u32),
    ReturnValue,
    YieldValue,
    GetYieldFromIter,
    /// yield from: sends TOS into the iterator below; pushes the yielded value
    /// or, when the iterator is done, replaces both with the result and jumps.
    Send(u32),
    /// 0: re-raise the handled exception, 1: raise TOS, 2: raise TOS1 from TOS.
    Raise(u32),
    /// Re-raises TOS without adding a traceback entry.
    Reraise,
    /// Handler entry: [exc] -> [previous handled exc, exc]; exc becomes handled.
    PushExcInfo,
    /// Pops the saved exception and makes it the handled one again.
    PopExcept,
    CheckExcMatch,
    /// with-statement exit on an exception: calls __exit__(type, exc, tb).
    WithExceptStart,
    /// [mgr] -> [bound __exit__, result of __enter__()].
    BeforeWith,
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    LoadBuildClass,
    LoadAssertionError,
    /// Pushes the function's `__class__` cell value for zero-argument super().
    SetupAnnotations,
    /// Decrements the statement-local marker used by `print` of expression statements in the REPL.
    PrintExpr,
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
    /// For binary operators and subscripts: (end column of the left part,
    /// start column of the right part), else (0, 0). Columns are in characters.
    pub anchor: (u32, u32),
    /// 0: no anchor, 1: binary operator, 2: subscript.
    pub anchor_kind: u8,
}

#[derive(Copy, Clone, Debug)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
}

#[derive(Clone, Debug, Default)]
pub struct CodeFlags {
    pub generator: bool,
    pub varargs: bool,
    pub varkw: bool,
    /// Module or class body: names go through the namespace dict.
    pub uses_namespace: bool,
    pub is_class_body: bool,
    pub is_module: bool,
}

/// A compiled code object. Code objects live for the whole run (traces
/// refer to them by address), so they are leaked and registered as roots.
#[derive(Debug)]
pub struct Code {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    pub instrs: Vec<Instr>,
    pub positions: Vec<Pos>,
    /// Static stack depth before each instruction.
    pub depths: Vec<u32>,
    pub handlers: Vec<Handler>,
    pub consts: Vec<Value>,
    /// Interned name strings.
    pub names: Vec<Value>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    pub max_depth: u32,
    /// Interned parameter names in order (for keyword binding).
    pub param_names: Vec<Value>,
    /// For each parameter that is also a cell: (local index, cell index).
    pub cell_params: Vec<(u32, u32)>,
    /// The docstring (NONE when there is none).
    pub doc: Value,
    /// Inline caches, one per instruction (used by attribute instructions).
    pub caches: Vec<std::cell::Cell<AttrCache>>,
    /// Value index of the bottom of the value stack (see `stack_base`).
    pub stack_base_index: usize,
}

/// A per-instruction inline cache for attribute access in concrete mode:
/// valid while the object's class, the class's version and the instance's
/// map are the ones recorded.
#[derive(Copy, Clone, Debug, Default)]
pub struct AttrCache {
    pub class: usize,
    pub version: u64,
    pub map: usize,
    /// 0 empty, 1 instance slot `index`, 2 method `value` found on the
    /// class, 3 plain class attribute `value`, 4 store adding slot `index`
    /// (the new map is `value.payload`).
    pub kind: u8,
    pub index: u32,
    pub value: Value,
}

/// Value slots before the locals: the function object and the namespace dict.
pub const HEADER_VALUES: usize = 2;

impl Code {
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }
    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }
    /// Value index of the bottom of the value stack.
    #[inline(always)]
    pub fn stack_base(&self) -> usize {
        self.stack_base_index
    }
    /// Words a frame of this code needs.
    pub fn frame_words(&self) -> usize {
        2 * (self.stack_base() + self.max_depth as usize + 2)
    }
    pub fn handler_for(&self, pc: usize) -> Option<&Handler> {
        let pc = pc as u32;
        // Innermost handler: the last entry covering pc (entries are emitted outermost-last? no: we search for the smallest range).
        let mut best: Option<&Handler> = None;
        for h in &self.handlers {
            if h.start <= pc && pc < h.end {
                match best {
                    Some(b) if (b.end - b.start) <= (h.end - h.start) => {}
                    _ => best = Some(h),
                }
            }
        }
        best
    }
    pub fn line_of(&self, pc: usize) -> u32 {
        self.positions.get(pc).map(|p| p.line).unwrap_or(self.first_line)
    }
}
