//! Kiln's native backend: optimized trace IR to machine code with Cranelift.
//!
//! [`CraneliftBackend`] implements [`kiln::backend::Backend`]. Each trace
//! becomes one native function `fn(ctx: *mut JitCtx, buf: *mut u64) -> u64`
//! in Cranelift's `tail` calling convention (so that linked exits can enter
//! other traces by tail calls, see `lower`), entered from the driver through
//! an `extern "C"` trampoline; it follows the calling convention of [`kiln::backend`] and
//! behaves exactly like the IR evaluator ([`kiln::eval`]), which is the
//! reference semantics and what the tests compare against.
//!
//! Modules:
//! * this file — the backend: ISA setup, the one JIT module kept for the
//!   backend's lifetime, compiling and finalizing a function per trace, and
//!   [`CraneliftCode`], the runnable result;
//! * `check` — validation of the trace and its `CompileInfo` before any code
//!   is generated (malformed input is an `Err`, never a panic);
//! * `lower` — the trace-to-Cranelift translation: blocks, loop header,
//!   guard exits, value representation; `lower/ops.rs` lowers each opcode;
//! * `runtime` — `extern "C"` shims compiled code calls (allocation).
//!
//! ```no_run
//! let backend = kiln_cranelift::CraneliftBackend::new().expect("unsupported host");
//! kiln::driver::set_backend(Box::new(backend));
//! ```

mod check;
mod lower;
mod runtime;

use cranelift_codegen::ir::types;
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{CodegenError, Context};
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Module, ModuleError};
use kiln::backend::{Backend, CompileInfo, CompiledCode};
use kiln::ctx::JitCtx;
use kiln::ir::Trace;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

/// How hard Cranelift optimizes (its `opt_level` setting).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum OptLevel {
    None,
    Speed,
    SpeedAndSize,
}

/// Backend settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Cranelift's optimization level (default: `Speed`).
    pub opt_level: OptLevel,
    /// Run Cranelift's IR verifier on every function (slower compiles; the
    /// tests turn it on).
    pub verify: bool,
    /// Traces of more ops than this (default 800) are compiled with
    /// Cranelift's one-pass register allocator: compile time over code
    /// quality, since polymorphic programs make hundreds of bridges of up to
    /// thousands of ops (deltablue compiled 3.4 s of its 7 s with the
    /// backtracking allocator, 1.3 s with this), while hot numeric loops
    /// stay below it and keep the better code.
    pub big_trace: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { opt_level: OptLevel::Speed, verify: false, big_trace: 800 }
    }
}

/// The JIT module that owns the executable memory of every trace compiled
/// by one backend. Compiled code keeps it alive; the memory is freed when
/// the backend and all its code are gone.
struct CodeMemory {
    module: RefCell<Option<JITModule>>,
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        if let Some(m) = self.module.get_mut().take() {
            // SAFETY: the last `CraneliftCode` pointing into this memory
            // is being dropped (each holds an `Rc` to it), and so is the
            // backend.
            unsafe { m.free_memory() };
        }
    }
}

type EntryFn = unsafe extern "C" fn(*mut JitCtx, *mut u64) -> u64;

/// One compiled trace.
pub struct CraneliftCode {
    /// The trampoline, in the host's calling convention.
    entry: EntryFn,
    /// The body, in the `tail` convention (what linked exits enter).
    body: usize,
    size: usize,
    _memory: Rc<CodeMemory>,
}

impl CraneliftCode {
    /// Address of the function's first instruction (for profilers and
    /// disassemblers).
    pub fn entry_address(&self) -> usize {
        self.entry as usize
    }

    /// The machine code (for disassemblers).
    pub fn code(&self) -> &[u8] {
        // SAFETY: the function's `size` bytes stay mapped readable and
        // executable while `_memory` is alive.
        unsafe { std::slice::from_raw_parts(self.entry as usize as *const u8, self.size) }
    }
}

impl CompiledCode for CraneliftCode {
    unsafe fn run(&self, ctx: *mut JitCtx, buf: *mut u64) -> u64 {
        (self.entry)(ctx, buf)
    }
    fn code_size(&self) -> usize {
        self.size
    }
    fn link_entry(&self) -> usize {
        self.body
    }
}

/// The Cranelift code generator.
pub struct CraneliftBackend {
    /// The host ISA with the one-pass register allocator, for big traces.
    quick_isa: cranelift_codegen::isa::OwnedTargetIsa,
    big_trace: usize,
    memory: Rc<CodeMemory>,
    ctx: Context,
    fctx: FunctionBuilderContext,
    call_conv: CallConv,
    frontend: TargetFrontendConfig,
    compiled: u64,
}

impl CraneliftBackend {
    /// A backend for the host machine with the default [`Config`]
    /// (`opt_level = speed`, no verifier).
    pub fn new() -> Result<Self, String> {
        Self::with_config(&Config::default())
    }

    /// A backend for the host machine with the given settings.
    pub fn with_config(config: &Config) -> Result<Self, String> {
        let mut flags = settings::builder();
        let opt = match config.opt_level {
            OptLevel::None => "none",
            OptLevel::Speed => "speed",
            OptLevel::SpeedAndSize => "speed_and_size",
        };
        let set = |flags: &mut settings::Builder, k: &str, v: &str| flags.set(k, v).map_err(|e| format!("cranelift setting {k}={v}: {e}"));
        set(&mut flags, "opt_level", opt)?;
        set(&mut flags, "enable_verifier", if config.verify { "true" } else { "false" })?;
        // cranelift-jit registers no unwind tables, and nothing unwinds
        // through compiled code (residual functions are `extern "C"`).
        set(&mut flags, "unwind_info", "false")?;
        // Frame pointers let profilers and debuggers walk through traces.
        set(&mut flags, "preserve_frame_pointers", "true")?;
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(&mut flags, "is_pic", "false")?;
        let isa_builder = cranelift_native::builder().map_err(|e| format!("unsupported host: {e}"))?;
        let isa = isa_builder.finish(settings::Flags::new(flags.clone())).map_err(|e| format!("cranelift ISA: {e}"))?;
        // Big traces get a register allocator that runs in one pass: the
        // default one takes most of the compile time on them and the
        // quality it adds matters less on long, mostly straight-line code.
        set(&mut flags, "regalloc_algorithm", "single_pass")?;
        let quick_isa = cranelift_native::builder()
            .map_err(|e| format!("unsupported host: {e}"))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| format!("cranelift ISA: {e}"))?;
        if isa.pointer_type() != types::I64 {
            return Err("the Cranelift backend supports 64-bit hosts only".into());
        }
        let call_conv = isa.default_call_conv();
        let frontend = isa.frontend_config();
        let module = JITModule::new(JITBuilder::with_isa(isa, cranelift_module::default_libcall_names()));
        Ok(CraneliftBackend {
            quick_isa,
            big_trace: config.big_trace,
            memory: Rc::new(CodeMemory { module: RefCell::new(Some(module)) }),
            ctx: Context::new(),
            fctx: FunctionBuilderContext::new(),
            call_conv,
            frontend,
            compiled: 0,
        })
    }

    /// Number of traces compiled so far.
    pub fn traces_compiled(&self) -> u64 {
        self.compiled
    }

    /// The Cranelift IR (CLIF text) this backend generates for `trace`,
    /// before Cranelift's own optimizations; for debugging.
    pub fn clif(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<String, String> {
        self.build(trace, info)?;
        let text = self.ctx.func.display().to_string();
        self.ctx.clear();
        Ok(text)
    }

    /// Checks the trace and builds its function into `self.ctx.func`.
    fn build(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<(), String> {
        let plan = check::check(trace, info)?;
        self.ctx.clear();
        self.ctx.func.signature = lower::trace_signature(CallConv::Tail);
        let (ctx, fctx) = (&mut self.ctx, &mut self.fctx);
        let (call_conv, frontend) = (self.call_conv, self.frontend);
        let result = catch_unwind(AssertUnwindSafe(|| lower::lower(&mut ctx.func, fctx, trace, info, &plan, call_conv, frontend)));
        let result = match result {
            Ok(r) => r,
            Err(panic) => Err(format!("internal error while lowering: {}", panic_message(&*panic))),
        };
        if result.is_err() {
            self.ctx.clear();
            self.fctx = FunctionBuilderContext::new();
        }
        result
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// `JITModule::define_function`, with code generated for `isa` (a variant
/// of the module's own ISA with other settings).
fn define_with(module: &mut JITModule, id: cranelift_module::FuncId, ctx: &mut Context, isa: &dyn cranelift_codegen::isa::TargetIsa) -> Result<(), String> {
    let mut ctrl_plane = cranelift_codegen::control::ControlPlane::default();
    let alignment = match ctx.compile(isa, &mut ctrl_plane) {
        Ok(code) => code.buffer.alignment as u64,
        Err(e) => return Err(module_error(ModuleError::Compilation(e.inner), ctx)),
    };
    let align = alignment.max(isa.function_alignment().minimum as u64).max(isa.symbol_alignment());
    let code = ctx.compiled_code().ok_or("Cranelift produced no code")?;
    let relocs: Vec<cranelift_module::ModuleReloc> = code.buffer.relocs().iter().map(|r| cranelift_module::ModuleReloc::from_mach_reloc(r, &ctx.func, id)).collect();
    let bytes = code.code_buffer().to_vec();
    module.define_function_bytes(id, align, &bytes, &relocs).map_err(|e| format!("Cranelift: {e}"))
}

fn module_error(e: ModuleError, ctx: &Context) -> String {
    match e {
        ModuleError::Compilation(CodegenError::Verifier(errors)) => {
            format!("Cranelift verifier: {errors}\n{}", ctx.func.display())
        }
        e => format!("Cranelift: {e}"),
    }
}

impl Backend for CraneliftBackend {
    fn name(&self) -> &'static str {
        "cranelift"
    }

    fn compile(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<Rc<dyn CompiledCode>, String> {
        Ok(self.compile_trace(trace, info)?)
    }
}

impl CraneliftBackend {
    /// [`Backend::compile`] with the concrete result type.
    pub fn compile_trace(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<Rc<CraneliftCode>, String> {
        self.build(trace, info)?;
        let memory = self.memory.clone();
        let mut module = memory.module.borrow_mut();
        let module = module.as_mut().ok_or("the JIT module is gone")?;
        let id = module.declare_anonymous_function(&self.ctx.func.signature).map_err(|e| format!("Cranelift: {e}"))?;
        let ctx = &mut self.ctx;
        let quick = (trace.ops.len() > self.big_trace).then_some(&*self.quick_isa);
        let defined = catch_unwind(AssertUnwindSafe(|| match quick {
            None => module.define_function(id, ctx).map_err(|e| module_error(e, ctx)),
            Some(isa) => define_with(module, id, ctx, isa),
        }));
        let defined = match defined {
            Ok(r) => r,
            Err(panic) => Err(format!("internal error in Cranelift: {}", panic_message(&*panic))),
        };
        if let Err(e) = defined {
            self.ctx.clear();
            return Err(e);
        }
        let size = self.ctx.compiled_code().map(|c| c.code_buffer().len()).unwrap_or(0);
        self.ctx.clear();
        let trampoline = self.define_trampoline(module, id)?;
        module.finalize_definitions().map_err(|e| format!("Cranelift: {e}"))?;
        let body = module.get_finalized_function(id) as usize;
        let ptr = module.get_finalized_function(trampoline);
        // SAFETY: the trampoline was built with `lower::trace_signature`
        // under the host's default calling convention (the C one).
        let entry: EntryFn = unsafe { std::mem::transmute::<*const u8, EntryFn>(ptr) };
        self.compiled += 1;
        Ok(Rc::new(CraneliftCode { entry, body, size, _memory: self.memory.clone() }))
    }

    /// Defines `extern "C" fn(ctx, buf) -> u64 { body(ctx, buf) }` for the
    /// trace body `body` (the driver's way in).
    fn define_trampoline(&mut self, module: &mut JITModule, body: cranelift_module::FuncId) -> Result<cranelift_module::FuncId, String> {
        use cranelift_codegen::ir::InstBuilder;
        self.ctx.clear();
        self.ctx.func.signature = lower::trace_signature(self.call_conv);
        {
            let mut b = cranelift_frontend::FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let block = b.create_block();
            b.append_block_params_for_function_params(block);
            b.switch_to_block(block);
            b.seal_block(block);
            let args = b.block_params(block).to_vec();
            let callee = module.declare_func_in_func(body, b.func);
            let call = b.ins().call(callee, &args);
            let result = b.inst_results(call)[0];
            b.ins().return_(&[result]);
            b.finalize(self.frontend);
        }
        let id = module.declare_anonymous_function(&self.ctx.func.signature).map_err(|e| format!("Cranelift: {e}"))?;
        let defined = module.define_function(id, &mut self.ctx).map_err(|e| module_error(e, &self.ctx));
        self.ctx.clear();
        defined?;
        Ok(id)
    }
}
