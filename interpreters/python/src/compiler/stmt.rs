//! Compiling statements: assignments, control flow, exceptions (with the
//! exception-table layout described in `bytecode`), functions and classes.

use super::symtable::{node_key, ScopeKind};
use super::*;
use ruff_python_ast::{self as ast, Expr, Stmt};

impl<'s> Compiler<'s> {
    pub(super) fn stmts(&mut self, body: &[Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        let old = self.set_pos(s.range());
        let r = self.stmt_inner(s);
        self.restore_pos(old);
        r
    }

    fn stmt_inner(&mut self, s: &Stmt) -> CResult<()> {
        match s {
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(&e.value)?;
                    self.emit(Instr::PrintExpr);
                } else {
                    if e.value.is_string_literal_expr() || e.value.is_number_literal_expr() {
                        return Ok(());
                    }
                    self.expr(&e.value)?;
                    self.emit(Instr::PopTop);
                }
            }
            Stmt::Pass(_) => {
                self.emit(Instr::Nop);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Instr::Copy(1));
                    }
                    self.assign(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.assign(&a.target)?;
                }
            }
            Stmt::If(i) => self.if_stmt(i)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => self.break_continue(true, b.range)?,
            Stmt::Continue(c) => self.break_continue(false, c.range)?,
            Stmt::Return(r) => {
                if !matches!(self.scope_kind(), ScopeKind::Function) {
                    return Err(CompileError::new("'return' outside function", r.range));
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::NONE),
                }
                self.unwind_all(true)?;
                self.emit(Instr::ReturnValue);
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
            }
            Stmt::Try(t) => self.try_stmt(t)?,
            Stmt::With(w) => self.with_stmt(&w.items, &w.body)?,
            Stmt::Assert(a) => {
                let end = self.new_label();
                self.expr(&a.test)?;
                self.emit(Instr::PopJumpIfTrue(end as u32));
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.emit(Instr::PushNull);
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.place(end);
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Import(i) => {
                for a in &i.names {
                    let full = a.name.as_str();
                    self.load_const(Value::NONE);
                    let n = self.name_index(full);
                    self.emit(Instr::ImportName(n));
                    match &a.asname {
                        Some(alias) => {
                            // `import a.b as c` binds the submodule.
                            for part in full.split('.').skip(1) {
                                let n = self.name_index(part);
                                self.emit(Instr::LoadAttr(n));
                            }
                            self.store_name(alias.as_str());
                        }
                        None => {
                            let top = full.split('.').next().unwrap_or(full).to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map(|m| m.as_str()).unwrap_or("");
                let names: Vec<Value> = i.names.iter().map(|a| rt::new_str(a.name.as_str())).collect();
                let t = rt::new_tuple(names);
                self.load_const(t);
                let n = self.name_index(module);
                self.emit(Instr::ImportName(n));
                if i.names.len() == 1 && i.names[0].name.as_str() == "*" {
                    self.emit(Instr::ImportStar);
                } else {
                    for a in &i.names {
                        let n = self.name_index(a.name.as_str());
                        self.emit(Instr::ImportFrom(n));
                        self.store_name(a.asname.as_ref().unwrap_or(&a.name).as_str());
                    }
                    self.emit(Instr::PopTop);
                }
            }
            Stmt::Match(m) => return Err(CompileError::new("match statements are not supported", m.range)),
            Stmt::TypeAlias(t) => return Err(CompileError::new("type aliases are not supported", t.range)),
            Stmt::IpyEscapeCommand(c) => return Err(CompileError::new("invalid syntax", c.range)),
        }
        Ok(())
    }

    // ---- assignment

    pub(super) fn assign(&mut self, t: &Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let old = self.set_pos(a.range);
                let n = self.name_index(a.attr.as_str());
                self.emit(Instr::StoreAttr(n));
                self.restore_pos(old);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                let old = self.set_pos(s.range);
                self.emit(Instr::StoreSubscr);
                self.restore_pos(old);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| e.is_starred_expr());
                match star {
                    None => {
                        self.emit(Instr::UnpackSequence(elts.len() as u32));
                    }
                    Some(i) => {
                        if elts.iter().filter(|e| e.is_starred_expr()).count() > 1 {
                            return Err(CompileError::new("multiple starred expressions in assignment", t.range()));
                        }
                        let after = elts.len() - i - 1;
                        self.emit(Instr::UnpackEx(i as u32 | (after as u32) << 8));
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.assign(&s.value)?,
                        _ => self.assign(e)?,
                    }
                }
            }
            Expr::Starred(s) => return Err(CompileError::new("starred assignment target must be in a list or tuple", s.range)),
            _ => return Err(CompileError::new(format!("cannot assign to {}", describe_target(t)), t.range())),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name_index(a.attr.as_str());
                self.emit(Instr::DeleteAttr(n));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                let old = self.set_pos(s.range);
                self.emit(Instr::DeleteSubscr);
                self.restore_pos(old);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            _ => return Err(CompileError::new(format!("cannot delete {}", describe_target(t)), t.range())),
        }
        Ok(())
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign) -> CResult<()> {
        let op = super::expr::binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(n.id.as_str());
                self.expr(&a.value)?;
                let old = self.set_pos(a.range);
                self.emit(Instr::InplaceOp(op));
                self.restore_pos(old);
                self.store_name(n.id.as_str());
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Instr::Copy(1));
                let n = self.name_index(at.attr.as_str());
                self.emit(Instr::LoadAttr(n));
                self.expr(&a.value)?;
                let old = self.set_pos(a.range);
                self.emit(Instr::InplaceOp(op));
                self.restore_pos(old);
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreAttr(n));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                let old = self.set_pos(s.range);
                self.emit(Instr::BinarySubscr);
                self.restore_pos(old);
                self.expr(&a.value)?;
                let old = self.set_pos(a.range);
                self.emit(Instr::InplaceOp(op));
                self.restore_pos(old);
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreSubscr);
            }
            t => return Err(CompileError::new(format!("'{}' is an illegal expression for augmented assignment", describe_target(t)), t.range())),
        }
        Ok(())
    }

    // ---- control flow

    fn if_stmt(&mut self, i: &ast::StmtIf) -> CResult<()> {
        let end = self.new_label();
        let mut next = self.new_label();
        self.jump_if(&i.test, false, next)?;
        // The depth every clause starts (and the statement ends) at: taken
        // before the body, which may end in a jump (`break` pops the
        // iterator) that leaves a smaller depth behind.
        let d = self.depth();
        self.stmts(&i.body)?;
        if !i.elif_else_clauses.is_empty() {
            self.emit(Instr::Jump(end as u32));
        }
        for clause in &i.elif_else_clauses {
            self.place(next);
            self.set_depth(d);
            next = self.new_label();
            if let Some(t) = &clause.test {
                let old = self.set_pos(t.range());
                self.jump_if(t, false, next)?;
                self.restore_pos(old);
            }
            self.stmts(&clause.body)?;
            self.emit(Instr::Jump(end as u32));
        }
        self.place(next);
        self.set_depth(d);
        self.place(end);
        Ok(())
    }

    /// Evaluates `test` and jumps to `target` when its truth equals `when`.
    pub(super) fn jump_if(&mut self, test: &Expr, when: bool, target: usize) -> CResult<()> {
        match test {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => return self.jump_if(&u.operand, !when, target),
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                if is_and != when {
                    // and-jump-if-false / or-jump-if-true: any operand decides.
                    for v in &b.values {
                        self.jump_if(v, when, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    let n = b.values.len();
                    for v in &b.values[..n - 1] {
                        self.jump_if(v, !when, skip)?;
                    }
                    self.jump_if(&b.values[n - 1], when, target)?;
                    self.place(skip);
                }
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() == 1 && matches!(c.ops[0], ast::CmpOp::Is | ast::CmpOp::IsNot) && c.comparators[0].is_none_literal_expr() => {
                self.expr(&c.left)?;
                let is = c.ops[0] == ast::CmpOp::Is;
                let t = target as u32;
                self.emit(if is == when { Instr::PopJumpIfNone(t) } else { Instr::PopJumpIfNotNone(t) });
                return Ok(());
            }
            _ => {}
        }
        self.expr(test)?;
        let t = target as u32;
        self.emit(if when { Instr::PopJumpIfTrue(t) } else { Instr::PopJumpIfFalse(t) });
        Ok(())
    }

    fn while_stmt(&mut self, w: &ast::StmtWhile) -> CResult<()> {
        let top = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let d = self.depth();
        self.place(top);
        let always = matches!(&*w.test, Expr::BooleanLiteral(b) if b.value) || matches!(&*w.test, Expr::NumberLiteral(_));
        if !always {
            let old = self.set_pos(w.test.range());
            self.jump_if(&w.test, false, orelse)?;
            self.restore_pos(old);
        }
        self.push_fblock(FBlock::Loop { cont: top, brk: end, has_iter: false });
        self.stmts(&w.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::JumpBackward(top as u32));
        self.place(orelse);
        self.set_depth(d);
        self.stmts(&w.orelse)?;
        self.place(end);
        self.set_depth(d);
        Ok(())
    }

    fn for_stmt(&mut self, f: &ast::StmtFor) -> CResult<()> {
        let top = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.expr(&f.iter)?;
        let old = self.set_pos(f.iter.range());
        self.emit(Instr::GetIter);
        let d = self.depth();
        self.place(top);
        self.restore_pos(old);
        let old = self.set_pos(f.range);
        self.emit(Instr::ForIter(orelse as u32));
        self.emit(Instr::ForIterCheck(orelse as u32));
        self.restore_pos(old);
        self.assign(&f.target)?;
        self.push_fblock(FBlock::Loop { cont: top, brk: end, has_iter: true });
        self.stmts(&f.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::JumpBackward(top as u32));
        self.place(orelse);
        self.set_depth(d - 1);
        self.stmts(&f.orelse)?;
        self.place(end);
        self.set_depth(d - 1);
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, range: TextRange) -> CResult<()> {
        let blocks = self.u().fblocks.clone();
        let Some(li) = blocks.iter().rposition(|b| matches!(b, FBlock::Loop { .. })) else {
            let msg = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return Err(CompileError::new(msg, range));
        };
        let d = self.depth();
        self.unwind_from(li + 1, false)?;
        let FBlock::Loop { cont, brk, has_iter } = blocks[li] else { unreachable!() };
        if is_break {
            if has_iter {
                self.emit(Instr::PopTop);
            }
            self.emit(Instr::Jump(brk as u32));
        } else {
            self.emit(Instr::JumpBackward(cont as u32));
        }
        // Code after the jump (unreachable) is compiled at the block's depth,
        // so that a `try` there records the right handler depth.
        self.set_depth(d);
        Ok(())
    }

    /// Before `return`: leaves every block (the return value is on top).
    fn unwind_all(&mut self, preserve_tos: bool) -> CResult<()> {
        self.unwind_from(0, preserve_tos)
    }

    /// Emits the exits of the blocks from index `from` up (innermost first).
    fn unwind_from(&mut self, from: usize, preserve_tos: bool) -> CResult<()> {
        let blocks = self.u().fblocks.clone();
        let saved_handler = self.u().cur_handler;
        for i in (from..blocks.len()).rev() {
            let outer = self.handler_outside(i);
            self.unit().cur_handler = outer;
            match &blocks[i] {
                FBlock::Loop { has_iter, .. } => {
                    if *has_iter && preserve_tos {
                        // The frame is left anyway; nothing to pop for return.
                    }
                }
                FBlock::ExceptBody { name } => {
                    if preserve_tos {
                        self.emit(Instr::Swap(2));
                    }
                    self.emit(Instr::PopExcept);
                    if let Some(n) = name {
                        self.load_const(Value::NONE);
                        self.store_name(n);
                        self.delete_name(n);
                    }
                }
                FBlock::FinallyEnd => {
                    if preserve_tos {
                        self.emit(Instr::Swap(2));
                        self.emit(Instr::PopTop);
                        self.emit(Instr::Swap(2));
                    } else {
                        self.emit(Instr::PopTop);
                    }
                    self.emit(Instr::PopExcept);
                }
                FBlock::With => {
                    if preserve_tos {
                        self.emit(Instr::Swap(2));
                    }
                    self.emit(Instr::PushNull);
                    self.load_const(Value::NONE);
                    self.load_const(Value::NONE);
                    self.load_const(Value::NONE);
                    self.emit(Instr::Call(3));
                    self.emit(Instr::PopTop);
                }
                FBlock::Finally { body } => {
                    // Run the final body outside the blocks it protects.
                    let saved: Vec<FBlock> = self.u().fblocks.clone();
                    self.unit().fblocks.truncate(i);
                    // SAFETY: the body outlives compilation of its try statement.
                    let body: &[Stmt] = unsafe { &**body };
                    self.stmts(body)?;
                    self.unit().fblocks = saved;
                }
            }
        }
        self.unit().cur_handler = saved_handler;
        Ok(())
    }

    /// The exception handler active outside fblock `i` (recorded when it was pushed).
    fn handler_outside(&self, i: usize) -> Option<usize> {
        self.u().fblock_outer.get(i).copied().flatten()
    }

    pub(super) fn push_fblock(&mut self, fb: FBlock) {
        let h = self.u().cur_handler;
        self.push_fblock_outer(h, fb);
    }

    fn push_fblock_outer(&mut self, outer: Option<usize>, fb: FBlock) {
        let u = self.unit();
        u.fblock_outer.truncate(u.fblocks.len());
        u.fblock_outer.push(outer);
        u.fblocks.push(fb);
    }

    fn try_stmt(&mut self, t: &ast::StmtTry) -> CResult<()> {
        if t.finalbody.is_empty() {
            return self.try_except(t);
        }
        // try/finally around the try/except/else part.
        let fin = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        let d = self.depth();
        let old = self.push_handler(fin, d);
        self.push_fblock_outer(old, FBlock::Finally { body: &t.finalbody[..] as *const [Stmt] });
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
        } else {
            self.try_except(t)?;
        }
        self.unit().fblocks.pop();
        self.pop_handler(old);
        // Normal path.
        self.stmts(&t.finalbody)?;
        self.emit(Instr::Jump(end as u32));
        // Exception path: [exc] -> [prev, exc].
        self.place(fin);
        self.set_depth(d + 1);
        self.emit(Instr::PushExcInfo);
        let old = self.push_handler(cleanup, d + 1);
        self.push_fblock(FBlock::FinallyEnd);
        self.stmts(&t.finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.pop_handler(old);
        self.place(cleanup);
        self.set_depth(d + 2);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
        self.place(end);
        self.set_depth(d);
        Ok(())
    }

    fn try_except(&mut self, t: &ast::StmtTry) -> CResult<()> {
        let handler = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        let d = self.depth();
        let old = self.push_handler(handler, d);
        self.stmts(&t.body)?;
        self.pop_handler(old);
        self.stmts(&t.orelse)?;
        self.emit(Instr::Jump(end as u32));
        self.place(handler);
        self.set_depth(d + 1);
        self.emit(Instr::PushExcInfo);
        let old = self.push_handler(cleanup, d + 1);
        for (k, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let next = self.new_label();
            let hold = self.set_pos(h.range);
            match &h.type_ {
                Some(ty) => {
                    self.expr(ty)?;
                    self.emit(Instr::CheckExcMatch);
                    self.emit(Instr::PopJumpIfFalse(next as u32));
                }
                None => {
                    if k + 1 != t.handlers.len() {
                        return Err(CompileError::new("default 'except:' must be last", h.range));
                    }
                }
            }
            self.restore_pos(hold);
            let name = h.name.as_ref().map(|n| n.as_str().to_string());
            match &name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Instr::PopTop);
                }
            }
            self.push_fblock(FBlock::ExceptBody { name: name.clone() });
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instr::PopExcept);
            if let Some(n) = &name {
                self.load_const(Value::NONE);
                self.store_name(n);
                self.delete_name(n);
            }
            self.emit(Instr::Jump(end as u32));
            self.place(next);
            self.set_depth(d + 2);
        }
        self.emit(Instr::Reraise);
        self.pop_handler(old);
        self.place(cleanup);
        self.set_depth(d + 2);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
        self.place(end);
        self.set_depth(d);
        Ok(())
    }

    fn with_stmt(&mut self, items: &[ast::WithItem], body: &[Stmt]) -> CResult<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let handler = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.expr(&first.context_expr)?;
        let old_pos = self.set_pos(first.context_expr.range());
        self.emit(Instr::BeforeWith);
        self.restore_pos(old_pos);
        let d = self.depth() - 1; // [.., exit] is depth d
        let old = self.push_handler(handler, d);
        let with_outer = old;
        match &first.optional_vars {
            Some(v) => self.assign(v)?,
            None => {
                self.emit(Instr::PopTop);
            }
        }
        self.push_fblock_outer(with_outer, FBlock::With);
        self.with_stmt(rest, body)?;
        self.unit().fblocks.pop();
        self.pop_handler(old);
        self.emit(Instr::PushNull);
        self.load_const(Value::NONE);
        self.load_const(Value::NONE);
        self.load_const(Value::NONE);
        self.emit(Instr::Call(3));
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(end as u32));
        // Exception: [exit, exc] -> [exit, prev, exc, result]
        self.place(handler);
        self.set_depth(d + 1);
        self.emit(Instr::PushExcInfo);
        let old = self.push_handler(cleanup, d + 1);
        self.emit(Instr::WithExceptStart);
        self.emit(Instr::PopJumpIfTrue(suppress as u32));
        self.emit(Instr::Reraise);
        self.pop_handler(old);
        self.place(suppress);
        self.set_depth(d + 2);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(end as u32));
        self.place(cleanup);
        self.set_depth(d + 2);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
        self.place(end);
        self.set_depth(d - 1);
        Ok(())
    }

    // ---- definitions

    fn decorators(&mut self, decs: &[ast::Decorator]) -> CResult<()> {
        for d in decs {
            self.expr(&d.expression)?;
            self.emit(Instr::PushNull);
        }
        Ok(())
    }

    fn apply_decorators(&mut self, n: usize) {
        for _ in 0..n {
            self.emit(Instr::Call(1));
        }
    }

    /// Pushes defaults and kw-defaults, returns the MakeFunction flags so far.
    pub(super) fn defaults(&mut self, p: &ast::Parameters) -> CResult<u32> {
        let mut flags = 0;
        let defs: Vec<&Expr> = p.posonlyargs.iter().chain(p.args.iter()).filter_map(|a| a.default.as_deref()).collect();
        if !defs.is_empty() {
            for d in &defs {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(defs.len() as u32));
            flags |= 1;
        }
        let kwdefs: Vec<(&str, &Expr)> = p.kwonlyargs.iter().filter_map(|a| a.default.as_deref().map(|d| (a.parameter.name.as_str(), d))).collect();
        if !kwdefs.is_empty() {
            for (n, d) in &kwdefs {
                self.load_const(rt::intern(n));
                self.expr(d)?;
            }
            self.emit(Instr::BuildMap(kwdefs.len() as u32));
            flags |= 2;
        }
        Ok(flags)
    }

    /// Pushes the closure tuple for `code` if it has free variables and
    /// then makes the function.
    pub(super) fn make_function(&mut self, code: &'static Code, mut flags: u32) {
        if !code.freevars.is_empty() {
            for name in code.freevars.clone() {
                let i = self.closure_index(&name);
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        self.load_const(rt::code_value(code));
        self.emit(Instr::MakeFunction(flags));
    }

    fn closure_index(&self, name: &str) -> u32 {
        self.deref_index(name)
    }

    pub(super) fn child_qualname(&self, name: &str) -> String {
        let u = self.u();
        match self.scope_kind() {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            _ => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    pub(super) fn set_params(&mut self, p: &ast::Parameters) {
        let u = self.unit();
        u.posonly = p.posonlyargs.len() as u32;
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.kwonly = p.kwonlyargs.len() as u32;
        u.flags.varargs = p.vararg.is_some();
        u.flags.varkw = p.kwarg.is_some();
    }

    fn function_def(&mut self, f: &ast::StmtFunctionDef) -> CResult<()> {
        self.decorators(&f.decorator_list)?;
        let flags = self.defaults(&f.parameters)?;
        let scope = self.table.by_node[&node_key(f.range, 1)];
        let qualname = self.child_qualname(f.name.as_str());
        let line = self.line_of(f.range);
        self.push_unit(scope, f.name.to_string(), qualname, line);
        self.set_params(&f.parameters);
        let mut body: &[Stmt] = &f.body;
        if let Some(Stmt::Expr(e)) = body.first() {
            if let Expr::StringLiteral(s) = &*e.value {
                self.unit().doc = rt::new_str(s.value.to_str());
                body = &body[1..];
            }
        }
        self.stmts(body)?;
        self.load_const(Value::NONE);
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit();
        let old = self.set_pos(f.range);
        self.make_function(code, flags);
        self.apply_decorators(f.decorator_list.len());
        self.restore_pos(old);
        self.store_name(f.name.as_str());
        Ok(())
    }

    fn class_def(&mut self, c: &ast::StmtClassDef) -> CResult<()> {
        self.decorators(&c.decorator_list)?;
        self.emit(Instr::LoadBuildClass);
        self.emit(Instr::PushNull);
        let scope = self.table.by_node[&node_key(c.range, 2)];
        let qualname = self.child_qualname(c.name.as_str());
        let line = self.line_of(c.range);
        self.push_unit(scope, c.name.to_string(), qualname.clone(), line);
        self.unit().flags.uses_namespace = true;
        self.unit().flags.is_class_body = true;
        let n = self.name_index("__name__");
        self.emit(Instr::LoadName(n));
        let n = self.name_index("__module__");
        self.emit(Instr::StoreName(n));
        self.load_const(rt::new_str(&qualname));
        let n = self.name_index("__qualname__");
        self.emit(Instr::StoreName(n));
        let mut body: &[Stmt] = &c.body;
        if let Some(Stmt::Expr(e)) = body.first() {
            if let Expr::StringLiteral(s) = &*e.value {
                self.load_const(rt::new_str(s.value.to_str()));
                let n = self.name_index("__doc__");
                self.emit(Instr::StoreName(n));
                body = &body[1..];
            }
        }
        self.stmts(body)?;
        if self.u().cellvars.iter().any(|c| c == "__class__") {
            let i = self.deref_index("__class__");
            self.emit(Instr::LoadClosure(i));
        } else {
            self.load_const(Value::NONE);
        }
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit();
        let old = self.set_pos(c.range);
        self.make_function(code, 0);
        self.load_const(rt::new_str(c.name.as_str()));
        let mut nargs = 2;
        let mut kwnames = vec![];
        if let Some(args) = &c.arguments {
            for a in args.args.iter() {
                if a.is_starred_expr() {
                    return Err(CompileError::new("star-args in class bases are not supported", a.range()));
                }
                self.expr(a)?;
                nargs += 1;
            }
            for k in args.keywords.iter() {
                let Some(name) = &k.arg else {
                    return Err(CompileError::new("**kwargs in class bases are not supported", k.range));
                };
                self.expr(&k.value)?;
                kwnames.push(rt::new_str(name.as_str()));
                nargs += 1;
            }
        }
        if kwnames.is_empty() {
            self.emit(Instr::Call(nargs));
        } else {
            self.load_const(rt::new_tuple(kwnames));
            self.emit(Instr::CallKw(nargs));
        }
        self.apply_decorators(c.decorator_list.len());
        self.restore_pos(old);
        self.store_name(c.name.as_str());
        Ok(())
    }
}

pub(super) fn describe_target(e: &Expr) -> &'static str {
    match e {
        Expr::Call(_) => "function call",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) | Expr::EllipsisLiteral(_) => "literal",
        Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Compare(_) => "comparison",
        Expr::Lambda(_) => "lambda",
        Expr::FString(_) => "f-string expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::BoolOp(_) => "expression",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}
