//! The bytecode compiler: Python AST (from `ruff_python_parser`) to
//! [`Code`] objects. This module owns the per-code-object emission state
//! (`Unit`): instructions, labels, constants, names, the exception-handler
//! ranges and the stack depths; `stmt` and `expr` compile the two kinds of
//! node, `symtable` decides where each name lives.

mod expr;
mod stmt;
pub mod symtable;

use crate::bytecode::*;
use crate::runtime as rt;
use crate::value::Value;
use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashMap;
use symtable::{Access, ScopeKind, SymbolTable};

/// A compile-time error, located in the source.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub msg: String,
    pub range: TextRange,
    pub indentation: bool,
}

impl CompileError {
    pub fn new(msg: impl Into<String>, range: TextRange) -> CompileError {
        CompileError { msg: msg.into(), range, indentation: false }
    }
}

pub type CResult<T> = Result<T, CompileError>;

/// Maps byte offsets to (line, column) positions.
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
    }
    /// 1-based line and 0-based byte column.
    pub fn locate(&self, off: u32) -> (u32, u32) {
        let line = match self.starts.binary_search(&off) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, off - self.starts[line])
    }
}

#[derive(Clone, Debug)]
pub(crate) enum FBlock {
    /// A loop: continue target, break target, whether an iterator is on the stack.
    Loop { cont: usize, brk: usize, has_iter: bool },
    /// Inside an except clause body: the saved exception is on the stack.
    ExceptBody { name: Option<String> },
    /// Inside a try with a finally clause: the final body to run on exits.
    Finally { body: *const [ast::Stmt] },
    /// Inside a with body: the bound __exit__ is on the stack.
    With,
    /// A handler-cleanup region during a finally body that runs after an exception.
    FinallyEnd,
}

/// The code object being emitted.
struct Unit {
    scope: usize,
    name: String,
    qualname: String,
    instrs: Vec<Instr>,
    positions: Vec<Pos>,
    handler_of: Vec<Option<usize>>,
    /// Handler blocks: (target label, depth).
    handler_blocks: Vec<(usize, u32)>,
    cur_handler: Option<usize>,
    labels: Vec<Option<u32>>,
    label_depth: Vec<Option<i32>>,
    consts: Vec<Value>,
    const_keys: HashMap<String, u32>,
    names: Vec<String>,
    name_idx: HashMap<String, u32>,
    varnames: Vec<String>,
    var_idx: HashMap<String, u32>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    depth: i32,
    fblocks: Vec<FBlock>,
    /// For each fblock: the exception handler active outside it.
    fblock_outer: Vec<Option<usize>>,
    pos: Pos,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    flags: CodeFlags,
    first_line: u32,
    doc: Value,
}

pub struct Compiler<'s> {
    pub src: &'s str,
    pub filename: String,
    lines: LineIndex,
    table: SymbolTable,
    units: Vec<Unit>,
    /// Whether the module code prints expression statement values (REPL).
    pub interactive: bool,
}

/// Compiles a parsed module.
pub fn compile_module(module: &ast::ModModule, src: &str, filename: &str, interactive: bool) -> CResult<&'static Code> {
    let table = symtable::build(module).map_err(|e| CompileError::new(e.msg, e.range))?;
    let mut c = Compiler { src, filename: filename.to_string(), lines: LineIndex::new(src), table, units: vec![], interactive };
    c.push_unit(0, "<module>".into(), "<module>".into(), 1);
    c.unit().flags.is_module = true;
    c.unit().flags.uses_namespace = true;
    c.stmts(&module.body)?;
    c.load_const(Value::NONE);
    c.emit(Instr::ReturnValue);
    Ok(c.finish_unit())
}

/// Compiles an expression (for `eval`): a code object returning its value.
pub fn compile_expression(e: &ast::Expr, src: &str, filename: &str) -> CResult<&'static Code> {
    let module = ast::ModModule { range: e.range(), node_index: Default::default(), body: vec![ast::Stmt::Return(ast::StmtReturn { range: e.range(), node_index: Default::default(), value: Some(Box::new(e.clone())) })].into() };
    let table = symtable::build(&module).map_err(|err| CompileError::new(err.msg, err.range))?;
    let mut c = Compiler { src, filename: filename.to_string(), lines: LineIndex::new(src), table, units: vec![], interactive: false };
    c.push_unit(0, "<module>".into(), "<module>".into(), 1);
    c.unit().flags.is_module = true;
    c.unit().flags.uses_namespace = true;
    c.expr(e)?;
    c.emit(Instr::ReturnValue);
    Ok(c.finish_unit())
}

impl<'s> Compiler<'s> {
    fn unit(&mut self) -> &mut Unit {
        self.units.last_mut().expect("no unit")
    }
    fn u(&self) -> &Unit {
        self.units.last().expect("no unit")
    }

    fn push_unit(&mut self, scope: usize, name: String, qualname: String, first_line: u32) {
        let s = &self.table.scopes[scope];
        let cellvars = s.cellvars.clone();
        let freevars = s.freevars.clone();
        let mut u = Unit {
            scope,
            name,
            qualname,
            instrs: vec![],
            positions: vec![],
            handler_of: vec![],
            handler_blocks: vec![],
            cur_handler: None,
            labels: vec![],
            label_depth: vec![],
            consts: vec![],
            const_keys: HashMap::new(),
            names: vec![],
            name_idx: HashMap::new(),
            varnames: vec![],
            var_idx: HashMap::new(),
            cellvars,
            freevars,
            depth: 0,
            fblocks: vec![],
            fblock_outer: vec![],
            pos: Pos { line: first_line, end_line: first_line, ..Default::default() },
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            flags: CodeFlags::default(),
            first_line,
            doc: Value::NONE,
        };
        u.flags.generator = s.is_generator && s.kind != ScopeKind::Module && s.kind != ScopeKind::Class;
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            for p in &s.params {
                let i = u.varnames.len() as u32;
                u.var_idx.insert(p.clone(), i);
                u.varnames.push(p.clone());
            }
            for n in &s.order {
                if (s.access.get(n) == Some(&Access::Local) || s.access.get(n) == Some(&Access::Cell))
                    && !u.var_idx.contains_key(n) {
                        let i = u.varnames.len() as u32;
                        u.var_idx.insert(n.clone(), i);
                        u.varnames.push(n.clone());
                    }
            }
        }
        self.units.push(u);
        // Prologue: cells for captured locals, then the closure's cells.
        let ncell = self.u().cellvars.len();
        let nfree = self.u().freevars.len();
        for i in 0..ncell {
            self.emit(Instr::MakeCell(i as u32));
        }
        if nfree > 0 {
            self.emit(Instr::CopyFreeVars(nfree as u32));
        }
    }

    fn finish_unit(&mut self) -> &'static Code {
        let u = self.units.pop().expect("unit");
        let n = u.instrs.len();
        let mut instrs = u.instrs;
        // Resolve labels.
        for ins in instrs.iter_mut() {
            let fix = |l: &mut u32| *l = u.labels[*l as usize].expect("unplaced label");
            match ins {
                Instr::Jump(l)
                | Instr::JumpBackward(l)
                | Instr::PopJumpIfFalse(l)
                | Instr::PopJumpIfTrue(l)
                | Instr::JumpIfFalseOrPop(l)
                | Instr::JumpIfTrueOrPop(l)
                | Instr::PopJumpIfNone(l)
                | Instr::PopJumpIfNotNone(l)
                | Instr::ForIter(l)
                | Instr::ForIterCheck(l)
                | Instr::Send(l) => fix(l),
                _ => {}
            }
        }
        // Handler ranges: maximal runs of instructions with the same handler.
        let mut handlers = vec![];
        let mut i = 0;
        while i < n {
            if let Some(h) = u.handler_of[i] {
                let start = i;
                while i < n && u.handler_of[i] == Some(h) {
                    i += 1;
                }
                let (label, depth) = u.handler_blocks[h];
                handlers.push(Handler { start: start as u32, end: i as u32, target: u.labels[label].expect("handler label"), depth });
            } else {
                i += 1;
            }
        }
        let depths = compute_depths(&instrs, &handlers);
        let max_depth = depths.iter().copied().max().unwrap_or(0) + 2;
        let s = &self.table.scopes[u.scope];
        let param_names: Vec<Value> = u.varnames.iter().take((u.argcount + u.kwonly) as usize + u.flags.varargs as usize + u.flags.varkw as usize).map(|n| rt::intern(n)).collect();
        let mut cell_params = vec![];
        for (ci, c) in u.cellvars.iter().enumerate() {
            if let Some(&li) = u.var_idx.get(c) {
                cell_params.push((li, ci as u32));
            }
        }
        let _ = s;
        let code = Code {
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            first_line: u.first_line,
            instrs,
            positions: u.positions,
            depths,
            handlers,
            consts: u.consts,
            names: u.names.iter().map(|n| rt::intern(n)).collect(),
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            flags: u.flags,
            max_depth,
            param_names,
            cell_params,
            doc: u.doc,
            caches: (0..n).map(|_| Default::default()).collect(),
            stack_base_index: 0,
        };
        let mut code = code;
        code.stack_base_index = HEADER_VALUES + code.varnames.len() + code.cellvars.len() + code.freevars.len();
        rt::register_code(code)
    }

    // ---- emission

    fn emit(&mut self, ins: Instr) -> usize {
        let u = self.unit();
        let at = u.instrs.len();
        u.instrs.push(ins);
        u.positions.push(u.pos);
        u.handler_of.push(u.cur_handler);
        u.depth += stack_effect(ins, false);
        if u.depth < 0 {
            u.depth = 0;
        }
        if let Some(l) = jump_label(ins) {
            let d = u.depth - stack_effect(ins, false) + stack_effect(ins, true);
            if u.label_depth[l].is_none() {
                u.label_depth[l] = Some(d);
            }
        }
        at
    }

    fn new_label(&mut self) -> usize {
        let u = self.unit();
        u.labels.push(None);
        u.label_depth.push(None);
        u.labels.len() - 1
    }

    fn place(&mut self, l: usize) {
        let u = self.unit();
        u.labels[l] = Some(u.instrs.len() as u32);
        if let Some(d) = u.label_depth[l] {
            u.depth = d;
        }
    }

    /// Places a label reached only by falling through or by jumps already
    /// emitted, after code that never falls through (depth from the jumps).
    fn set_depth(&mut self, d: i32) {
        self.unit().depth = d;
    }

    fn depth(&self) -> i32 {
        self.u().depth
    }

    fn load_const(&mut self, v: Value) {
        let i = self.add_const(v, None);
        self.emit(Instr::LoadConst(i));
    }

    fn add_const(&mut self, v: Value, key: Option<String>) -> u32 {
        let u = self.unit();
        if let Some(k) = &key {
            if let Some(&i) = u.const_keys.get(k) {
                return i;
            }
        }
        let i = u.consts.len() as u32;
        u.consts.push(v);
        if let Some(k) = key {
            u.const_keys.insert(k, i);
        }
        i
    }

    fn const_key(&mut self, v: Value, key: String) {
        let i = self.add_const(v, Some(key));
        self.emit(Instr::LoadConst(i));
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_idx.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.to_string());
        u.name_idx.insert(name.to_string(), i);
        i
    }

    fn set_pos(&mut self, r: TextRange) -> Pos {
        let old = self.u().pos;
        let (line, col) = self.lines.locate(r.start().to_u32());
        let (end_line, end_col) = self.lines.locate(r.end().to_u32());
        self.unit().pos = Pos { line, end_line, col, end_col, anchor: (0, 0), anchor_kind: 0 };
        old
    }

    fn set_anchor(&mut self, left_end: u32, right_start: u32, kind: u8) {
        self.unit().pos.anchor = (left_end, right_start);
        self.unit().pos.anchor_kind = kind;
    }

    fn restore_pos(&mut self, p: Pos) {
        self.unit().pos = p;
    }

    fn line_of(&self, r: TextRange) -> u32 {
        self.lines.locate(r.start().to_u32()).0
    }

    fn col_of(&self, off: u32) -> u32 {
        self.lines.locate(off).1
    }

    /// Starts protecting the following instructions with a handler at `label`.
    fn push_handler(&mut self, label: usize, depth: i32) -> Option<usize> {
        let u = self.unit();
        let id = u.handler_blocks.len();
        u.handler_blocks.push((label, depth.max(0) as u32));
        // The handler's entry depth: depth + 1 (the exception).
        if u.label_depth[label].is_none() {
            u.label_depth[label] = Some(depth + 1);
        }
        u.cur_handler.replace(id)
    }

    fn pop_handler(&mut self, old: Option<usize>) {
        self.unit().cur_handler = old;
    }

    fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.u().scope].kind
    }

    fn access(&self, name: &str) -> Access {
        let s = &self.table.scopes[self.u().scope];
        let a = s.lookup(name);
        if s.kind == ScopeKind::Module && a == Access::Name {
            return Access::GlobalImplicit;
        }
        a
    }

    fn deref_index(&self, name: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.cellvars.iter().position(|c| c == name) {
            return i as u32;
        }
        let i = u.freevars.iter().position(|c| c == name).unwrap_or(0);
        (u.cellvars.len() + i) as u32
    }

    fn load_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Local => {
                let i = self.u().var_idx[name];
                self.emit(Instr::LoadFast(i));
            }
            Access::Cell | Access::Free => {
                let i = self.deref_index(name);
                if self.scope_kind() == ScopeKind::Class {
                    let n = self.name_index(name);
                    let _ = i;
                    self.emit(Instr::LoadClassDeref(n));
                } else {
                    self.emit(Instr::LoadDeref(i));
                }
            }
            Access::GlobalExplicit | Access::GlobalImplicit => {
                let n = self.name_index(name);
                self.emit(Instr::LoadGlobal(n));
            }
            Access::Name => {
                let n = self.name_index(name);
                self.emit(Instr::LoadName(n));
            }
        }
    }

    fn store_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Local => {
                let i = self.u().var_idx[name];
                self.emit(Instr::StoreFast(i));
            }
            Access::Cell | Access::Free => {
                let i = self.deref_index(name);
                self.emit(Instr::StoreDeref(i));
            }
            Access::GlobalExplicit | Access::GlobalImplicit => {
                let n = self.name_index(name);
                self.emit(Instr::StoreGlobal(n));
            }
            Access::Name => {
                let n = self.name_index(name);
                self.emit(Instr::StoreName(n));
            }
        }
    }

    fn delete_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Local => {
                let i = self.u().var_idx[name];
                self.emit(Instr::DeleteFast(i));
            }
            Access::Cell | Access::Free => {
                let i = self.deref_index(name);
                self.emit(Instr::DeleteDeref(i));
            }
            Access::GlobalExplicit | Access::GlobalImplicit => {
                let n = self.name_index(name);
                self.emit(Instr::DeleteGlobal(n));
            }
            Access::Name => {
                let n = self.name_index(name);
                self.emit(Instr::DeleteName(n));
            }
        }
    }
}

fn jump_label(ins: Instr) -> Option<usize> {
    match ins {
        Instr::Jump(l)
        | Instr::JumpBackward(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::PopJumpIfNone(l)
        | Instr::PopJumpIfNotNone(l)
        | Instr::ForIter(l)
        | Instr::ForIterCheck(l)
        | Instr::Send(l) => Some(l as usize),
        _ => None,
    }
}

/// The change in stack depth of an instruction (`jump`: when it jumps).
pub fn stack_effect(ins: Instr, jump: bool) -> i32 {
    use Instr::*;
    match ins {
        Nop | Jump(_) | JumpBackward(_) | UnaryOp(_) | GetIter | GetYieldFromIter | ListToTuple | Swap(_) | SetupAnnotations => 0,
        MakeCell(_) | CopyFreeVars(_) => 0,
        PopTop | StoreFast(_) | StoreDeref(_) | StoreName(_) | StoreGlobal(_) => -1,
        DeleteFast(_) | DeleteDeref(_) | DeleteName(_) | DeleteGlobal(_) => 0,
        Copy(_) | PushNull | LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadClassDeref(_) | LoadName(_) | LoadGlobal(_) => 1,
        LoadAttr(_) => 0,
        StoreAttr(_) => -2,
        DeleteAttr(_) => -1,
        LoadMethod(_) => 1,
        BinarySubscr => -1,
        StoreSubscr => -3,
        DeleteSubscr => -2,
        BuildSlice(n) => 1 - n as i32,
        BinaryOp(_) | InplaceOp(_) | CompareOp(_) | IsOp(_) | ContainsOp(_) => -1,
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) => 1 - n as i32,
        BuildMap(n) => 1 - 2 * n as i32,
        BuildConstKeyMap(n) => -(n as i32),
        FormatValue(f) => {
            if f & 4 != 0 {
                -1
            } else {
                0
            }
        }
        ListAppend(_) | SetAdd(_) | ListExtend(_) | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => -1,
        MapAdd(_) => -2,
        UnpackSequence(n) => n as i32 - 1,
        UnpackEx(n) => (n & 0xff) as i32 + (n >> 8) as i32,
        PopJumpIfFalse(_) | PopJumpIfTrue(_) | PopJumpIfNone(_) | PopJumpIfNotNone(_) => -1,
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => {
            if jump {
                0
            } else {
                -1
            }
        }
        ForIter(_) => {
            if jump {
                -1
            } else {
                1
            }
        }
        ForIterCheck(_) => {
            if jump {
                -2
            } else {
                0
            }
        }
        Call(n) => -(n as i32) - 1,
        CallKw(n) => -(n as i32) - 2,
        CallEx(f) => -2 - (f & 1) as i32,
        MakeFunction(f) => -((f & 1) as i32 + ((f >> 1) & 1) as i32 + ((f >> 3) & 1) as i32),
        ReturnValue => -1,
        YieldValue => 0,
        Send(_) => {
            if jump {
                -1
            } else {
                0
            }
        }
        Raise(n) => -(n as i32),
        Reraise => -1,
        PushExcInfo => 1,
        PopExcept => -1,
        CheckExcMatch => 0,
        WithExceptStart => 1,
        BeforeWith => 1,
        ImportName(_) => 0,
        ImportFrom(_) => 1,
        ImportStar => -1,
        LoadBuildClass | LoadAssertionError => 1,
        PrintExpr => -1,
    }
}

fn ends_flow(ins: Instr) -> bool {
    matches!(ins, Instr::Jump(_) | Instr::JumpBackward(_) | Instr::ReturnValue | Instr::Raise(_) | Instr::Reraise)
}

/// The stack depth before each instruction, by flow analysis from the entry
/// and every handler. Unreachable instructions get depth 0.
fn compute_depths(instrs: &[Instr], handlers: &[Handler]) -> Vec<u32> {
    let n = instrs.len();
    let mut depth: Vec<i32> = vec![-1; n];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    for h in handlers {
        work.push((h.target as usize, h.depth as i32 + 1));
    }
    while let Some((pc, d)) = work.pop() {
        if pc >= n || depth[pc] >= 0 {
            continue;
        }
        depth[pc] = d.max(0);
        let ins = instrs[pc];
        if let Some(t) = jump_label(ins) {
            work.push((t, d + stack_effect(ins, true)));
        }
        if !ends_flow(ins) {
            work.push((pc + 1, d + stack_effect(ins, false)));
        }
    }
    depth.into_iter().map(|d| d.max(0) as u32).collect()
}

