//! Compiling expressions, including calls, comprehensions (as nested
//! functions, as in CPython 3.11), lambdas, f-strings and literals.

use super::symtable::node_key;
use super::*;
use ruff_python_ast::{self as ast, Expr};

pub(super) fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl<'s> Compiler<'s> {
    pub(super) fn expr(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::NumberLiteral(n) => {
                let v = match &n.value {
                    ast::Number::Int(i) => match i.as_i64() {
                        Some(v) => Value::int(v),
                        None => rt::parse_int_literal(&i.to_string()).ok_or_else(|| CompileError::new("invalid int literal", n.range))?,
                    },
                    ast::Number::Float(f) => Value::float(*f),
                    ast::Number::Complex { real, imag } => rt::num::new_complex(*real, *imag),
                };
                let key = format!("n{}:{}", v.tag, v.payload);
                if v.is_obj() {
                    self.load_const(v);
                } else {
                    self.const_key(v, key);
                }
            }
            Expr::StringLiteral(s) => {
                let text = s.value.to_str();
                let key = format!("s{text}");
                let v = rt::new_str(text);
                self.const_key(v, key);
            }
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.iter().flat_map(|p| p.value.iter().copied()).collect();
                self.load_const(rt::new_bytes(bytes));
            }
            Expr::BooleanLiteral(b) => self.const_key(Value::bool(b.value), format!("b{}", b.value)),
            Expr::NoneLiteral(_) => self.const_key(Value::NONE, "None".into()),
            Expr::EllipsisLiteral(_) => self.const_key(rt::ellipsis(), "...".into()),
            Expr::Name(n) => {
                let old = self.set_pos(n.range);
                self.load_name(n.id.as_str());
                self.restore_pos(old);
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                let old = self.set_pos(b.range);
                let le = self.col_of(b.left.range().end().to_u32());
                let rs = self.col_of(b.right.range().start().to_u32());
                self.set_anchor(le, rs, 1);
                self.emit(Instr::BinaryOp(binop(b.op)));
                self.restore_pos(old);
            }
            Expr::UnaryOp(u) => {
                // Fold negative number literals so that -5 is a constant.
                if u.op == ast::UnaryOp::USub {
                    if let Expr::NumberLiteral(n) = &*u.operand {
                        match &n.value {
                            ast::Number::Int(i) if i.as_i64().is_some() => {
                                let v = Value::int(-i.as_i64().unwrap_or(0));
                                self.const_key(v, format!("n{}:{}", v.tag, v.payload));
                                return Ok(());
                            }
                            ast::Number::Float(f) => {
                                let v = Value::float(-f);
                                self.const_key(v, format!("n{}:{}", v.tag, v.payload));
                                return Ok(());
                            }
                            _ => {}
                        }
                    }
                }
                self.expr(&u.operand)?;
                let old = self.set_pos(u.range);
                let op = match u.op {
                    ast::UnaryOp::Invert => UnOp::Invert,
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::USub => UnOp::Neg,
                };
                self.emit(Instr::UnaryOp(op));
                self.restore_pos(old);
            }
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        let l = end as u32;
                        self.emit(if b.op == ast::BoolOp::And { Instr::JumpIfFalseOrPop(l) } else { Instr::JumpIfTrueOrPop(l) });
                    }
                }
                self.place(end);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.jump_if(&i.test, false, orelse)?;
                let d = self.depth();
                self.expr(&i.body)?;
                self.emit(Instr::Jump(end as u32));
                self.place(orelse);
                self.set_depth(d);
                self.expr(&i.orelse)?;
                self.place(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::Copy(1));
                self.assign(&n.target)?;
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let old = self.set_pos(a.range);
                let n = self.name_index(a.attr.as_str());
                self.emit(Instr::LoadAttr(n));
                self.restore_pos(old);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                let old = self.set_pos(s.range);
                let ve = self.col_of(s.value.range().end().to_u32());
                let se = self.col_of(s.slice.range().end().to_u32()) + 1;
                self.set_anchor(ve, se, 2);
                self.emit(Instr::BinarySubscr);
                self.restore_pos(old);
            }
            Expr::Slice(sl) => self.slice(sl)?,
            Expr::Call(c) => self.call(c)?,
            Expr::Tuple(t) => {
                if t.elts.iter().any(|e| e.is_starred_expr()) {
                    self.starred_list(&t.elts)?;
                    self.emit(Instr::ListToTuple);
                } else if let Some(v) = self.const_tuple(&t.elts) {
                    self.load_const(v);
                } else {
                    for x in &t.elts {
                        self.expr(x)?;
                    }
                    self.emit(Instr::BuildTuple(t.elts.len() as u32));
                }
            }
            Expr::List(l) => {
                if l.elts.iter().any(|e| e.is_starred_expr()) {
                    self.starred_list(&l.elts)?;
                } else {
                    for x in &l.elts {
                        self.expr(x)?;
                    }
                    self.emit(Instr::BuildList(l.elts.len() as u32));
                }
            }
            Expr::Set(s) => {
                // Like CPython: three or more constants become a frozenset
                // constant merged into an empty set (this fixes the order).
                if s.elts.len() >= 3 {
                    if let Some(t) = self.const_tuple(&s.elts) {
                        if let Some(fs) = rt::frozenset_of(t) {
                            self.emit(Instr::BuildSet(0));
                            self.load_const(fs);
                            self.emit(Instr::SetUpdate(1));
                            return Ok(());
                        }
                    }
                }
                if s.elts.iter().any(|e| e.is_starred_expr()) {
                    self.emit(Instr::BuildSet(0));
                    for x in &s.elts {
                        match x {
                            Expr::Starred(st) => {
                                self.expr(&st.value)?;
                                self.emit(Instr::SetUpdate(1));
                            }
                            _ => {
                                self.expr(x)?;
                                self.emit(Instr::SetAdd(1));
                            }
                        }
                    }
                } else {
                    for x in &s.elts {
                        self.expr(x)?;
                    }
                    self.emit(Instr::BuildSet(s.elts.len() as u32));
                }
            }
            Expr::Dict(d) => {
                if d.items.iter().any(|i| i.key.is_none()) {
                    self.emit(Instr::BuildMap(0));
                    for item in &d.items {
                        match &item.key {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(&item.value)?;
                                self.emit(Instr::MapAdd(1));
                            }
                            None => {
                                self.expr(&item.value)?;
                                self.emit(Instr::DictUpdate(1));
                            }
                        }
                    }
                } else {
                    for item in &d.items {
                        if let Some(k) = &item.key {
                            self.expr(k)?;
                        }
                        self.expr(&item.value)?;
                    }
                    self.emit(Instr::BuildMap(d.items.len() as u32));
                }
            }
            Expr::ListComp(c) => self.comprehension(node_key(c.range, 4), CompKind::List, &c.generators, &c.elt, None, c.range)?,
            Expr::SetComp(c) => self.comprehension(node_key(c.range, 4), CompKind::Set, &c.generators, &c.elt, None, c.range)?,
            Expr::Generator(c) => self.comprehension(node_key(c.range, 4), CompKind::Gen, &c.generators, &c.elt, None, c.range)?,
            Expr::DictComp(c) => {
                let Some(k) = &c.key else {
                    return Err(CompileError::new("dict unpacking cannot be used in dict comprehension", c.range));
                };
                self.comprehension(node_key(c.range, 4), CompKind::Dict, &c.generators, k, Some(&c.value), c.range)?
            }
            Expr::Lambda(l) => {
                let flags = match &l.parameters {
                    Some(p) => self.defaults(p)?,
                    None => 0,
                };
                let scope = self.table.by_node[&node_key(l.range, 3)];
                let qualname = self.child_qualname("<lambda>");
                let line = self.line_of(l.range);
                self.push_unit(scope, "<lambda>".into(), qualname, line);
                if let Some(p) = &l.parameters {
                    self.set_params(p);
                }
                self.expr(&l.body)?;
                self.emit(Instr::ReturnValue);
                let code = self.finish_unit();
                self.make_function(code, flags);
            }
            Expr::Yield(y) => {
                self.check_yield(y.range)?;
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::NONE),
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom(y) => {
                self.check_yield(y.range)?;
                self.expr(&y.value)?;
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Value::NONE);
                self.yield_from_loop();
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::Starred(s) => return Err(CompileError::new("can't use starred expression here", s.range)),
            Expr::Await(a) => return Err(CompileError::new("'await' outside function", a.range)),
            Expr::TString(t) => return Err(CompileError::new("template strings are not supported", t.range)),
            Expr::IpyEscapeCommand(c) => return Err(CompileError::new("invalid syntax", c.range)),
        }
        Ok(())
    }

    /// [iter, value] -> loops sending values until the iterator is done -> [result]
    fn yield_from_loop(&mut self) {
        let top = self.new_label();
        let end = self.new_label();
        self.place(top);
        self.emit(Instr::Send(end as u32));
        self.emit(Instr::YieldValue);
        self.emit(Instr::JumpBackward(top as u32));
        self.place(end);
    }

    fn check_yield(&self, r: TextRange) -> CResult<()> {
        match self.scope_kind() {
            symtable::ScopeKind::Function | symtable::ScopeKind::Comprehension => Ok(()),
            _ => Err(CompileError::new("'yield' outside function", r)),
        }
    }

    fn const_tuple(&mut self, elts: &[Expr]) -> Option<Value> {
        if elts.is_empty() {
            return Some(rt::new_tuple(vec![]));
        }
        let mut vals = vec![];
        for e in elts {
            match e {
                Expr::NumberLiteral(n) => match &n.value {
                    ast::Number::Int(i) => vals.push(Value::int(i.as_i64()?)),
                    ast::Number::Float(f) => vals.push(Value::float(*f)),
                    _ => return None,
                },
                Expr::StringLiteral(s) => vals.push(rt::new_str(s.value.to_str())),
                Expr::BooleanLiteral(b) => vals.push(Value::bool(b.value)),
                Expr::NoneLiteral(_) => vals.push(Value::NONE),
                _ => return None,
            }
        }
        Some(rt::new_tuple(vals))
    }

    /// Builds a list from elements some of which are starred.
    fn starred_list(&mut self, elts: &[Expr]) -> CResult<()> {
        self.emit(Instr::BuildList(0));
        for x in elts {
            match x {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(x)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    pub(super) fn subscript_index(&mut self, e: &Expr) -> CResult<()> {
        self.expr(e)
    }

    fn slice(&mut self, s: &ast::ExprSlice) -> CResult<()> {
        for part in [&s.lower, &s.upper] {
            match part {
                Some(p) => self.expr(p)?,
                None => self.load_const(Value::NONE),
            }
        }
        match &s.step {
            Some(st) => {
                self.expr(st)?;
                self.emit(Instr::BuildSlice(3));
            }
            None => {
                self.emit(Instr::BuildSlice(2));
            }
        }
        Ok(())
    }

    fn compare(&mut self, c: &ast::ExprCompare) -> CResult<()> {
        self.expr(&c.left)?;
        let n = c.ops.len();
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            let last = i + 1 == n;
            if !last {
                self.emit(Instr::Swap(2));
                self.emit(Instr::Copy(2));
            }
            let old = self.set_pos(TextRange::new(c.left.range().start(), right.range().end()));
            let ins = match op {
                ast::CmpOp::Eq => Instr::CompareOp(CmpOp::Eq),
                ast::CmpOp::NotEq => Instr::CompareOp(CmpOp::Ne),
                ast::CmpOp::Lt => Instr::CompareOp(CmpOp::Lt),
                ast::CmpOp::LtE => Instr::CompareOp(CmpOp::Le),
                ast::CmpOp::Gt => Instr::CompareOp(CmpOp::Gt),
                ast::CmpOp::GtE => Instr::CompareOp(CmpOp::Ge),
                ast::CmpOp::Is => Instr::IsOp(false),
                ast::CmpOp::IsNot => Instr::IsOp(true),
                ast::CmpOp::In => Instr::ContainsOp(false),
                ast::CmpOp::NotIn => Instr::ContainsOp(true),
            };
            self.emit(ins);
            self.restore_pos(old);
            if !last {
                self.emit(Instr::JumpIfFalseOrPop(cleanup as u32));
            }
        }
        if n > 1 {
            let d = self.depth();
            self.emit(Instr::Jump(end as u32));
            self.place(cleanup);
            self.set_depth(d + 1);
            self.emit(Instr::Swap(2));
            self.emit(Instr::PopTop);
            self.place(end);
        }
        Ok(())
    }

    fn call(&mut self, c: &ast::ExprCall) -> CResult<()> {
        let range = c.range();
        // Method calls: obj.name(...) loads the method without binding it.
        let args = &c.arguments;
        let has_star = args.args.iter().any(|a| a.is_starred_expr()) || args.keywords.iter().any(|k| k.arg.is_none());
        let is_method = matches!(&*c.func, Expr::Attribute(_)) && !has_star;
        if let (true, Expr::Attribute(a)) = (is_method, &*c.func) {
            self.expr(&a.value)?;
            let old = self.set_pos(a.range);
            let n = self.name_index(a.attr.as_str());
            self.emit(Instr::LoadMethod(n));
            self.restore_pos(old);
        } else {
            self.expr(&c.func)?;
            self.emit(Instr::PushNull);
        }
        if !has_star {
            for a in args.args.iter() {
                self.expr(a)?;
            }
            let mut kwnames = vec![];
            for k in args.keywords.iter() {
                self.expr(&k.value)?;
                if let Some(n) = &k.arg {
                    kwnames.push(rt::intern(n.as_str()));
                }
            }
            let old = self.set_pos(range);
            let n = (args.args.len() + args.keywords.len()) as u32;
            if kwnames.is_empty() {
                self.emit(Instr::Call(n));
            } else {
                self.load_const(rt::new_tuple(kwnames));
                self.emit(Instr::CallKw(n));
            }
            self.restore_pos(old);
            return Ok(());
        }
        // General form: positional args as a tuple, keywords as a dict.
        self.emit(Instr::BuildList(0));
        for a in args.args.iter() {
            match a {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        self.emit(Instr::ListToTuple);
        let mut flag = 0;
        if !args.keywords.is_empty() {
            flag = 1;
            self.emit(Instr::BuildMap(0));
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(n) => {
                        self.load_const(rt::intern(n.as_str()));
                        self.expr(&k.value)?;
                        self.emit(Instr::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Instr::DictMerge(1));
                    }
                }
            }
        }
        let old = self.set_pos(range);
        self.emit(Instr::CallEx(flag));
        self.restore_pos(old);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension(&mut self, key: (u32, u32), kind: CompKind, gens: &[ast::Comprehension], elt: &Expr, value: Option<&Expr>, range: TextRange) -> CResult<()> {
        let scope = self.table.by_node[&key];
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let qualname = self.child_qualname(name);
        let line = self.line_of(range);
        self.push_unit(scope, name.into(), qualname, line);
        self.unit().argcount = 1;
        match kind {
            CompKind::List => {
                self.emit(Instr::BuildList(0));
            }
            CompKind::Set => {
                self.emit(Instr::BuildSet(0));
            }
            CompKind::Dict => {
                self.emit(Instr::BuildMap(0));
            }
            CompKind::Gen => {}
        }
        self.comp_level(&kind, gens, 0, elt, value)?;
        if !matches!(kind, CompKind::Gen) {
            self.emit(Instr::ReturnValue);
        } else {
            self.load_const(Value::NONE);
            self.emit(Instr::ReturnValue);
        }
        let code = self.finish_unit();
        let old = self.set_pos(range);
        self.make_function(code, 0);
        self.emit(Instr::PushNull);
        self.expr(&gens[0].iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        self.restore_pos(old);
        Ok(())
    }

    fn comp_level(&mut self, kind: &CompKind, gens: &[ast::Comprehension], level: usize, elt: &Expr, value: Option<&Expr>) -> CResult<()> {
        let g = &gens[level];
        let top = self.new_label();
        let end = self.new_label();
        if level == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        let d = self.depth();
        let cont = self.new_label();
        self.place(top);
        self.emit(Instr::ForIter(end as u32));
        self.emit(Instr::ForIterCheck(end as u32));
        self.assign(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, cont)?;
        }
        if level + 1 < gens.len() {
            self.comp_level(kind, gens, level + 1, elt, value)?;
        } else {
            // The result container sits below one iterator per level.
            let depth = (level + 1) as u32;
            match kind {
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth + 1));
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth + 1));
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.emit(Instr::MapAdd(depth + 1));
                }
                CompKind::Gen => {
                    self.expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
            }
        }
        self.place(cont);
        self.emit(Instr::JumpBackward(top as u32));
        self.place(end);
        self.set_depth(d - 1);
        Ok(())
    }

    fn fstring(&mut self, f: &ast::ExprFString) -> CResult<()> {
        let mut count = 0u32;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => {
                    self.load_const(rt::new_str(&l.value));
                    count += 1;
                }
                ast::FStringPart::FString(fs) => {
                    count += self.fstring_elements(&fs.elements)?;
                }
            }
        }
        if count == 0 {
            self.load_const(rt::new_str(""));
        } else if count > 1 {
            self.emit(Instr::BuildString(count));
        }
        Ok(())
    }

    fn fstring_elements(&mut self, elems: &ast::InterpolatedStringElements) -> CResult<u32> {
        let mut count = 0;
        for el in elems.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.load_const(rt::new_str(&l.value));
                    count += 1;
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(dt) = &i.debug_text {
                        let text = format!("{}{}{}", dt.leading(), &self.src[i.expression.range()], dt.trailing());
                        self.load_const(rt::new_str(&text));
                        count += 1;
                        if conv == 0 && i.format_spec.is_none() {
                            conv = 2;
                        }
                    }
                    self.expr(&i.expression)?;
                    let mut flags = conv;
                    if let Some(spec) = &i.format_spec {
                        let n = self.fstring_elements(&spec.elements)?;
                        if n == 0 {
                            self.load_const(rt::new_str(""));
                        } else if n > 1 {
                            self.emit(Instr::BuildString(n));
                        }
                        flags |= 4;
                    }
                    self.emit(Instr::FormatValue(flags));
                    count += 1;
                }
            }
        }
        Ok(count)
    }
}
