//! The `operator` module.

use super::*;
use crate::bytecode::{BinOp, CmpOp, UnOp};
use crate::runtime::ops;

pub fn init() -> Value {
    let (m, d) = new_module("operator");
    macro_rules! bin {
        ($($name:literal => $op:expr),*) => {$(
            add_fn(d, $name, "operator", |a, _| { crate::builtins::nargs($name, a, 2, 2)?; ops::binary_op($op, a[0], a[1]) });
        )*};
    }
    bin!("add" => BinOp::Add, "sub" => BinOp::Sub, "mul" => BinOp::Mul, "truediv" => BinOp::TrueDiv, "floordiv" => BinOp::FloorDiv,
         "mod" => BinOp::Mod, "pow" => BinOp::Pow, "lshift" => BinOp::LShift, "rshift" => BinOp::RShift, "and_" => BinOp::And,
         "or_" => BinOp::Or, "xor" => BinOp::Xor, "matmul" => BinOp::MatMul, "concat" => BinOp::Add);
    macro_rules! cmp {
        ($($name:literal => $op:expr),*) => {$(
            add_fn(d, $name, "operator", |a, _| { crate::builtins::nargs($name, a, 2, 2)?; ops::compare($op, a[0], a[1]) });
        )*};
    }
    cmp!("lt" => CmpOp::Lt, "le" => CmpOp::Le, "eq" => CmpOp::Eq, "ne" => CmpOp::Ne, "gt" => CmpOp::Gt, "ge" => CmpOp::Ge);
    add_fn(d, "neg", "operator", |a, _| ops::unary(UnOp::Neg, a[0]));
    add_fn(d, "pos", "operator", |a, _| ops::unary(UnOp::Pos, a[0]));
    add_fn(d, "invert", "operator", |a, _| ops::unary(UnOp::Invert, a[0]));
    add_fn(d, "inv", "operator", |a, _| ops::unary(UnOp::Invert, a[0]));
    add_fn(d, "not_", "operator", |a, _| ops::unary(UnOp::Not, a[0]));
    add_fn(d, "truth", "operator", |a, _| Ok(Value::bool(ops::truth(a[0])?)));
    add_fn(d, "abs", "operator", |a, _| {
        let f = rt::as_dict(vm().builtins.val()).and_then(|d| d.get_str(rt::intern("abs"))).unwrap_or(Value::NONE);
        rt::call::call(f, a, &[])
    });
    add_fn(d, "is_", "operator", |a, _| Ok(Value::bool(a[0].is(a[1]))));
    add_fn(d, "is_not", "operator", |a, _| Ok(Value::bool(!a[0].is(a[1]))));
    add_fn(d, "contains", "operator", |a, _| Ok(Value::bool(ops::contains(a[0], a[1])?)));
    add_fn(d, "getitem", "operator", |a, _| ops::getitem(a[0], a[1]));
    add_fn(d, "setitem", "operator", |a, _| {
        ops::setitem(a[0], a[1], a[2])?;
        Ok(Value::NONE)
    });
    add_fn(d, "delitem", "operator", |a, _| {
        ops::delitem(a[0], a[1])?;
        Ok(Value::NONE)
    });
    add_fn(d, "index", "operator", |a, _| Ok(Value::int(crate::builtins::to_index(a[0], "")?)));
    add_fn(d, "itemgetter", "operator", |a, _| Ok(rt::alloc(vm().t.itemgetter, Kind::ItemGetter(a.to_vec()))));
    add_fn(d, "attrgetter", "operator", |a, _| Ok(rt::alloc(vm().t.attrgetter, Kind::AttrGetter(a.to_vec()))));
    add_fn(d, "methodcaller", "operator", |a, k| Ok(rt::alloc(vm().t.methodcaller, Kind::MethodCaller { name: a[0], args: a[1..].to_vec(), kwargs: k.to_vec() })));
    add_fn(d, "countOf", "operator", |a, _| {
        let mut n = 0;
        for x in crate::runtime::iter::collect(a[0])? {
            if ops::eq(x, a[1])? {
                n += 1;
            }
        }
        Ok(Value::int(n))
    });
    add_fn(d, "indexOf", "operator", |a, _| {
        for (i, x) in crate::runtime::iter::collect(a[0])?.into_iter().enumerate() {
            if ops::eq(x, a[1])? {
                return Ok(Value::int(i as i64));
            }
        }
        Err(rt::value_error("sequence.index(x): x not in sequence".into()))
    });
    add_fn(d, "length_hint", "operator", |a, _| Ok(Value::int(ops::len(a[0]).unwrap_or(0) as i64)));
    add_fn(d, "iadd", "operator", |a, _| ops::inplace_op(BinOp::Add, a[0], a[1]));
    add_fn(d, "imul", "operator", |a, _| ops::inplace_op(BinOp::Mul, a[0], a[1]));
    m
}
