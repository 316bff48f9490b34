//! Scope analysis: which names are local, global, free (closure) or cell
//! variables in each function, class, lambda and comprehension scope.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashMap;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

/// How a name is accessed in a scope.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Local,
    /// A local that inner scopes capture.
    Cell,
    Free,
    GlobalExplicit,
    GlobalImplicit,
    /// Module and class bodies: the namespace dict.
    Name,
}

const BOUND: u8 = 1;
const USED: u8 = 2;
const GLOBAL: u8 = 4;
const NONLOCAL: u8 = 8;
const PARAM: u8 = 16;
/// The name has a variable annotation (`x: int`) in this scope.
const ANNOTATED: u8 = 32;

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub flags: HashMap<String, u8>,
    pub order: Vec<String>,
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub access: HashMap<String, Access>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub is_generator: bool,
    pub needs_class_cell: bool,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            flags: HashMap::new(),
            order: Vec::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            access: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            needs_class_cell: false,
        }
    }
    pub fn lookup(&self, name: &str) -> Access {
        if let Some(a) = self.access.get(name) {
            return *a;
        }
        match self.kind {
            ScopeKind::Module | ScopeKind::Class => Access::Name,
            _ => Access::GlobalImplicit,
        }
    }
}

/// A compile error found by the analysis: message and source range.
#[derive(Debug)]
pub struct ScopeError {
    pub msg: String,
    pub range: TextRange,
}

pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// Scope of each scope-introducing node, keyed by the node's start offset and kind tag.
    pub by_node: HashMap<(u32, u32), usize>,
}

pub fn node_key(range: TextRange, tag: u32) -> (u32, u32) {
    (range.start().to_u32() * 8 + tag, range.end().to_u32())
}

struct Builder<'a> {
    t: SymbolTable,
    cur: usize,
    error: Option<ScopeError>,
    _p: std::marker::PhantomData<&'a ()>,
}

impl<'a> Builder<'a> {
    fn add(&mut self, name: &str, flag: u8) {
        let s = &mut self.t.scopes[self.cur];
        let e = s.flags.entry(name.to_string()).or_insert_with(|| 0);
        if *e == 0 {
            s.order.push(name.to_string());
        }
        *e |= flag;
    }
    fn err(&mut self, msg: String, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(ScopeError { msg, range });
        }
    }
    fn push(&mut self, kind: ScopeKind, key: (u32, u32)) -> usize {
        let id = self.t.scopes.len();
        self.t.scopes.push(Scope::new(kind, Some(self.cur)));
        self.t.scopes[self.cur].children.push(id);
        self.t.by_node.insert(key, id);
        let old = self.cur;
        self.cur = id;
        old
    }
    fn params(&mut self, p: &'a ast::Parameters) {
        // CPython's order: positional, keyword-only, *args, **kwargs.
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            self.param(&a.parameter);
        }
        for a in p.kwonlyargs.iter() {
            self.param(&a.parameter);
        }
        if let Some(v) = &p.vararg {
            self.param(v);
        }
        if let Some(v) = &p.kwarg {
            self.param(v);
        }
    }
    fn param(&mut self, p: &ast::Parameter) {
        let name = p.name.as_str();
        if self.t.scopes[self.cur].params.iter().any(|q| q == name) {
            self.err(format!("duplicate argument '{name}' in function definition"), p.name.range);
        }
        self.param_named(name);
    }
    fn param_named(&mut self, name: &str) {
        self.add(name, BOUND | PARAM);
        self.t.scopes[self.cur].params.push(name.to_string());
    }
    fn defaults(&mut self, p: &'a ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                self.visit_expr(d);
            }
        }
    }
    fn comprehension(&mut self, key: (u32, u32), gens: &'a [ast::Comprehension], elts: &[&'a Expr], is_gen: bool) {
        // The first iterable is evaluated in the enclosing scope.
        self.visit_expr(&gens[0].iter);
        let old = self.push(ScopeKind::Comprehension, key);
        self.t.scopes[self.cur].is_generator = is_gen;
        self.param_named(".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            self.target(&g.target);
            for c in &g.ifs {
                self.visit_expr(c);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.cur = old;
    }
    fn target(&mut self, e: &'a Expr) {
        match e {
            Expr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    self.err("cannot assign to __debug__".into(), n.range);
                }
                self.add(n.id.as_str(), BOUND)
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|x| self.target(x)),
            Expr::List(t) => t.elts.iter().for_each(|x| self.target(x)),
            Expr::Starred(s) => self.target(&s.value),
            other => self.visit_expr(other),
        }
    }
}

impl<'a> Visitor<'a> for Builder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.defaults(&f.parameters);
                self.add(f.name.as_str(), BOUND);
                let old = self.push(ScopeKind::Function, node_key(f.range, 1));
                self.params(&f.parameters);
                for s in &f.body {
                    self.visit_stmt(s);
                }
                self.cur = old;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(a) = &c.arguments {
                    self.visit_arguments(a);
                }
                self.add(c.name.as_str(), BOUND);
                let old = self.push(ScopeKind::Class, node_key(c.range, 2));
                for s in &c.body {
                    self.visit_stmt(s);
                }
                self.cur = old;
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let f = self.t.scopes[self.cur].flags.get(n.as_str()).copied().unwrap_or(0);
                    if f & (BOUND | USED | ANNOTATED) != 0 {
                        let what = if f & PARAM != 0 {
                            "is parameter and global"
                        } else if f & ANNOTATED != 0 {
                            "can't be global"
                        } else if f & BOUND != 0 {
                            "is assigned to before global declaration"
                        } else {
                            "is used prior to global declaration"
                        };
                        let what = if f & ANNOTATED != 0 && f & PARAM == 0 {
                            format!("annotated name '{}' {what}", n.as_str())
                        } else {
                            format!("name '{}' {what}", n.as_str())
                        };
                        self.err(what, g.range);
                    }
                    self.add(n.as_str(), GLOBAL);
                }
            }
            Stmt::Nonlocal(g) => {
                if self.t.scopes[self.cur].kind == ScopeKind::Module {
                    self.err("nonlocal declaration not allowed at module level".into(), g.range);
                }
                for n in &g.names {
                    let f = self.t.scopes[self.cur].flags.get(n.as_str()).copied().unwrap_or(0);
                    if f & PARAM != 0 {
                        self.err(format!("name '{}' is parameter and nonlocal", n.as_str()), g.range);
                    } else if f & ANNOTATED != 0 {
                        self.err(format!("annotated name '{}' can't be nonlocal", n.as_str()), g.range);
                    } else if f & (BOUND | USED) != 0 {
                        let what = if f & BOUND != 0 { "assigned to" } else { "used" };
                        self.err(format!("name '{}' is {} prior to nonlocal declaration", n.as_str(), what), g.range);
                    }
                    self.add(n.as_str(), NONLOCAL);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = match &a.asname {
                        Some(x) => x.as_str().to_string(),
                        None => a.name.as_str().split('.').next().unwrap_or("").to_string(),
                    };
                    self.add(&n, BOUND);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().unwrap_or(&a.name).as_str();
                    if n != "*" {
                        self.add(n, BOUND);
                    } else if self.t.scopes[self.cur].kind != ScopeKind::Module {
                        self.err("import * only allowed at module level".into(), a.range);
                    }
                }
            }
            Stmt::Assign(a) => {
                self.visit_expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.value);
                if let Expr::Name(n) = &*a.target {
                    self.add(n.id.as_str(), BOUND | USED);
                } else {
                    self.visit_expr(&a.target);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
                if let Expr::Name(n) = &*a.target {
                    let f = self.t.scopes[self.cur].flags.get(n.id.as_str()).copied().unwrap_or(0);
                    // At module level `global x; x: int` is allowed.
                    if f & (GLOBAL | NONLOCAL) != 0 && self.t.scopes[self.cur].kind != ScopeKind::Module {
                        let kind = if f & GLOBAL != 0 { "global" } else { "nonlocal" };
                        self.err(format!("annotated name '{}' can't be {kind}", n.id.as_str()), a.range);
                    }
                    self.add(n.id.as_str(), ANNOTATED);
                }
                self.target(&a.target);
            }
            Stmt::For(f) => {
                self.visit_expr(&f.iter);
                self.target(&f.target);
                for s in f.body.iter().chain(f.orelse.iter()) {
                    self.visit_stmt(s);
                }
            }
            Stmt::With(w) => {
                for it in &w.items {
                    self.visit_expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.target(v);
                    }
                }
                for s in &w.body {
                    self.visit_stmt(s);
                }
            }
            Stmt::Try(t) => {
                for s in &t.body {
                    self.visit_stmt(s);
                }
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.add(n.as_str(), BOUND);
                    }
                    for s in &h.body {
                        self.visit_stmt(s);
                    }
                }
                for s in t.orelse.iter().chain(t.finalbody.iter()) {
                    self.visit_stmt(s);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) => {
                let name = n.id.as_str();
                match n.ctx {
                    ast::ExprContext::Load => {
                        self.add(name, USED);
                        if name == "super" {
                            self.note_super();
                        }
                    }
                    _ => {
                        if name == "__debug__" {
                            self.err("cannot assign to __debug__".into(), n.range);
                        }
                        self.add(name, BOUND)
                    }
                }
            }
            Expr::Attribute(a) if a.attr.as_str() == "__debug__" && !matches!(a.ctx, ast::ExprContext::Load) => {
                self.err("cannot assign to __debug__".into(), a.range);
            }
            Expr::Call(c) => {
                for (i, k) in c.arguments.keywords.iter().enumerate() {
                    if let Some(arg) = &k.arg {
                        if arg.as_str() == "__debug__" {
                            self.err("cannot assign to __debug__".into(), c.range());
                        }
                        if c.arguments.keywords[..i].iter().any(|o| o.arg.as_ref().map(|x| x.as_str()) == Some(arg.as_str())) {
                            self.err(format!("keyword argument repeated: {}", arg.as_str()), k.range);
                        }
                    }
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Named(n) => {
                self.visit_expr(&n.value);
                // The target binds in the nearest enclosing non-comprehension scope.
                if let Expr::Name(name) = &*n.target {
                    let old = self.cur;
                    while self.t.scopes[self.cur].kind == ScopeKind::Comprehension {
                        let p = self.t.scopes[self.cur].parent.unwrap_or(0);
                        // The comprehension sees it as a free variable of the enclosing scope.
                        let s = &mut self.t.scopes[self.cur];
                        let e = s.flags.entry(name.id.to_string()).or_insert(0);
                        *e |= NONLOCAL;
                        self.cur = p;
                    }
                    self.add(name.id.as_str(), BOUND);
                    self.cur = old;
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p);
                }
                let old = self.push(ScopeKind::Function, node_key(l.range, 3));
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.visit_expr(&l.body);
                self.cur = old;
            }
            Expr::ListComp(c) => self.comprehension(node_key(c.range, 4), &c.generators, &[&c.elt], false),
            Expr::SetComp(c) => self.comprehension(node_key(c.range, 4), &c.generators, &[&c.elt], false),
            Expr::Generator(c) => self.comprehension(node_key(c.range, 4), &c.generators, &[&c.elt], true),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = vec![];
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(node_key(c.range, 4), &c.generators, &elts, false)
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.t.scopes[self.cur].is_generator = true;
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

impl<'a> Builder<'a> {
    /// `super` used in a function: it needs the `__class__` cell of the
    /// nearest enclosing class.
    fn note_super(&mut self) {
        if self.t.scopes[self.cur].kind == ScopeKind::Function {
            self.add("__class__", USED);
        }
    }
}

/// Analyzes a module.
pub fn build(module: &ast::ModModule) -> Result<SymbolTable, ScopeError> {
    let mut b = Builder { t: SymbolTable { scopes: vec![Scope::new(ScopeKind::Module, None)], by_node: HashMap::new() }, cur: 0, error: None, _p: Default::default() };
    for s in &module.body {
        b.visit_stmt(s);
    }
    if let Some(e) = b.error {
        return Err(e);
    }
    let mut t = b.t;
    resolve(&mut t, 0, &[])?;
    Ok(t)
}

/// Resolves names top-down. `enclosing` holds, for each enclosing
/// function scope (innermost last), its id.
fn resolve(t: &mut SymbolTable, id: usize, enclosing: &[usize]) -> Result<(), ScopeError> {
    let kind = t.scopes[id].kind;
    let names: Vec<(String, u8)> = t.scopes[id].order.iter().map(|n| (n.clone(), t.scopes[id].flags[n])).collect();
    for (name, f) in &names {
        let access = if f & GLOBAL != 0 {
            Access::GlobalExplicit
        } else if f & NONLOCAL != 0 {
            if !enclosing.iter().any(|&e| binds(&t.scopes[e], name)) {
                if kind == ScopeKind::Comprehension {
                    // A walrus target inside a comprehension at module/class level.
                    Access::GlobalImplicit
                } else {
                    return Err(ScopeError { msg: format!("no binding for nonlocal '{name}' found"), range: TextRange::default() });
                }
            } else {
                Access::Free
            }
        } else if f & BOUND != 0 {
            match kind {
                ScopeKind::Module | ScopeKind::Class => Access::Name,
                _ => Access::Local,
            }
        } else {
            // Used only: free if an enclosing function binds it.
            // (`__class__` always is: the class body makes its cell.)
            if kind != ScopeKind::Module && (name == "__class__" || enclosing.iter().any(|&e| binds(&t.scopes[e], name))) {
                Access::Free
            } else if kind == ScopeKind::Module || kind == ScopeKind::Class {
                Access::Name
            } else {
                Access::GlobalImplicit
            }
        };
        t.scopes[id].access.insert(name.clone(), access);
    }
    let children = t.scopes[id].children.clone();
    let mut inner: Vec<usize> = enclosing.to_vec();
    if matches!(kind, ScopeKind::Function | ScopeKind::Comprehension) {
        inner.push(id);
    }
    for c in children {
        let inner_for_child = inner.clone();
        if kind == ScopeKind::Class {
            // Methods see the class's __class__ cell.
            let mut v = inner_for_child.clone();
            v.push(id);
            resolve(t, c, &v)?;
        } else {
            resolve(t, c, &inner_for_child)?;
        }
        // Free variables of the child that are not bound here pass through.
        let child_free: Vec<String> = t.scopes[c].freevars.clone();
        for name in child_free {
            let here = t.scopes[id].access.get(&name).copied();
            match here {
                Some(Access::Local) | Some(Access::Cell) => {
                    t.scopes[id].access.insert(name.clone(), Access::Cell);
                }
                Some(Access::Free) => {}
                _ if kind == ScopeKind::Class && name == "__class__" => {
                    t.scopes[id].needs_class_cell = true;
                }
                _ if kind == ScopeKind::Class => {
                    // The class passes the variable through from an enclosing function.
                    if enclosing.iter().any(|&e| binds(&t.scopes[e], &name)) {
                        if !t.scopes[id].freevars.contains(&name) {
                            t.scopes[id].freevars.push(name.clone());
                        }
                        if !t.scopes[id].access.contains_key(&name) {
                            t.scopes[id].access.insert(name.clone(), Access::Free);
                        }
                    }
                }
                _ => {
                    t.scopes[id].access.insert(name.clone(), Access::Free);
                }
            }
        }
        finalize_lists(t, id);
    }
    finalize_lists(t, id);
    Ok(())
}

fn binds(s: &Scope, name: &str) -> bool {
    if s.kind == ScopeKind::Class {
        return name == "__class__";
    }
    s.flags.get(name).map(|f| f & BOUND != 0 && f & (GLOBAL | NONLOCAL) == 0 || f & NONLOCAL != 0).unwrap_or(false)
}

fn finalize_lists(t: &mut SymbolTable, id: usize) {
    let s = &mut t.scopes[id];
    let mut names: Vec<String> = s.order.clone();
    for (n, _) in s.access.iter() {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    for n in names {
        match s.access.get(&n) {
            Some(Access::Cell)
                if !s.cellvars.contains(&n) => {
                    s.cellvars.push(n);
                }
            Some(Access::Free)
                if !s.freevars.contains(&n) => {
                    s.freevars.push(n);
                }
            _ => {}
        }
    }
    if s.needs_class_cell && !s.cellvars.iter().any(|c| c == "__class__") {
        s.cellvars.push("__class__".into());
    }
}

pub fn range_of(e: &Expr) -> TextRange {
    e.range()
}
