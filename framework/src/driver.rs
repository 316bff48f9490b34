//! The JIT driver: warm-up counting, the policy that decides what to trace,
//! compilation of recorded traces, running compiled code and resuming the
//! interpreter when it exits, bridges, invalidation and statistics.
//!
//! Each thread has one driver. Its policy avoids the cliffs PyPy users hit:
//! a loop header whose tracing keeps aborting is blacklisted after a few
//! tries (never retried forever); guards that fail often get bridges, but
//! the number of bridges per loop is capped; and every decision is counted
//! in [`JitStats`].

use crate::backend::{Backend, CompileInfo, CompiledCode, Exit, GuardExit, LinkCell, Links};
use crate::gc::Tracer;
use crate::ir::text;
use crate::ir::*;
use crate::mode::{JitStop, Slots};
use crate::recorder::{AbortReason, BridgeStart, RecordStatus, Recorder};
use crate::resume::{self, ResumeData, ResumeFrame};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::rc::Rc;

/// Tunable parameters of the warm-up policy.
#[derive(Clone, Debug)]
pub struct JitParams {
    /// Whether the JIT may trace and run compiled code at all.
    pub enabled: bool,
    /// Times a loop header is passed before it is traced.
    pub threshold: u32,
    /// Times a function is entered before a function-entry trace is made.
    pub function_threshold: u32,
    /// Times a guard fails before a bridge is traced from it.
    pub bridge_threshold: u32,
    /// Maximum number of ops in one trace.
    pub trace_limit: usize,
    /// Failed tracing attempts at one loop header before it is blacklisted.
    pub max_aborts: u32,
    /// Maximum number of bridges attached below one loop.
    pub max_bridges_per_loop: u32,
    /// Failed bridge attempts at one guard before it gets no more tries.
    pub max_bridge_aborts: u32,
    /// Run the optimizer (off only for debugging the optimizer itself).
    pub optimize: bool,
}

impl Default for JitParams {
    fn default() -> Self {
        JitParams {
            enabled: true,
            threshold: 200,
            function_threshold: 400,
            bridge_threshold: 40,
            trace_limit: 8000,
            max_aborts: 3,
            max_bridges_per_loop: 64,
            max_bridge_aborts: 2,
            optimize: true,
        }
    }
}

/// Counters of every JIT decision, for `--jit-stats`.
#[derive(Clone, Debug, Default)]
pub struct JitStats {
    pub loops_traced: u64,
    pub loops_compiled: u64,
    pub loops_aborted: u64,
    pub functions_traced: u64,
    pub functions_compiled: u64,
    pub functions_aborted: u64,
    pub bridges_traced: u64,
    pub bridges_compiled: u64,
    pub bridges_aborted: u64,
    /// Abort counts by reason.
    pub aborts: BTreeMap<String, u64>,
    pub blacklisted: u64,
    pub bridges_capped: u64,
    pub loop_entries: u64,
    pub guard_failures: u64,
    /// Guard failures that left compiled code for the interpreter (no
    /// bridge to follow).
    pub deopts: u64,
    pub invalidations: u64,
    /// Traces dropped because the backend caps its live code (see
    /// [`Backend::take_evicted`]).
    pub evictions: u64,
    pub compile_errors: u64,
    pub ops_recorded: u64,
    pub ops_after_optimization: u64,
    pub code_bytes: u64,
    pub seconds_tracing: f64,
    pub seconds_optimizing: f64,
    pub seconds_compiling: f64,
}

impl JitStats {
    /// A human-readable report (what `--jit-stats` prints).
    pub fn report(&self) -> String {
        let mut s = String::new();
        use std::fmt::Write as _;
        let _ = writeln!(s, "jit: loops traced {}, compiled {}, aborted {}", self.loops_traced, self.loops_compiled, self.loops_aborted);
        let _ = writeln!(s, "jit: function entries traced {}, compiled {}, aborted {}", self.functions_traced, self.functions_compiled, self.functions_aborted);
        let _ = writeln!(s, "jit: bridges traced {}, compiled {}, aborted {}, capped {}", self.bridges_traced, self.bridges_compiled, self.bridges_aborted, self.bridges_capped);
        let _ = writeln!(s, "jit: loop entries {}, guard failures {} ({} back to the interpreter), invalidations {}, blacklisted {}", self.loop_entries, self.guard_failures, self.deopts, self.invalidations, self.blacklisted);
        if self.evictions > 0 {
            let _ = writeln!(s, "jit: traces evicted by the backend {}", self.evictions);
        }
        for (reason, n) in &self.aborts {
            let _ = writeln!(s, "jit: abort {n}x: {reason}");
        }
        let _ = writeln!(s, "jit: ops recorded {}, after optimization {}, code bytes {}", self.ops_recorded, self.ops_after_optimization, self.code_bytes);
        let _ = writeln!(
            s,
            "jit: time tracing {:.3}s, optimizing {:.3}s, compiling {:.3}s",
            self.seconds_tracing, self.seconds_optimizing, self.seconds_compiling
        );
        if self.compile_errors > 0 {
            let _ = writeln!(s, "jit: compile errors {}", self.compile_errors);
        }
        s
    }
}

#[derive(Copy, Clone, PartialEq, Debug)]
enum CellState {
    Counting,
    Compiled(u32),
    Blacklisted,
}

#[derive(Clone, Debug)]
struct Cell {
    state: CellState,
    count: u32,
    aborts: u32,
    /// Recordings of this loop that ended because its frame returned.
    left_frame: u32,
}

impl Cell {
    /// A key seen for the first time.
    const FRESH: Cell = Cell { state: CellState::Counting, count: 0, aborts: 0, left_frame: 0 };
}

struct CompiledTrace {
    code: Rc<dyn CompiledCode>,
    num_inputs: usize,
    /// The loop this trace belongs to (itself for loops).
    root: u32,
    bridges: u32,
    /// Read by compiled code through a raw pointer, written by the driver.
    invalidated: Box<std::cell::Cell<u64>>,
    gc_consts: Vec<u64>,
    /// Green key the trace was recorded from (a loop's header).
    start: Greens,
    /// A function-entry trace (not a loop or a bridge).
    function: bool,
    /// Times the driver entered a function-entry trace.
    entries: u64,
    /// The backend evicted the code (`code` is a stub that must not run).
    evicted: bool,
    /// Compiled code jumping to this loop enters it through this cell (set
    /// while the loop is valid and its code can be entered directly).
    link: Box<LinkCell>,
}

struct GuardRecord {
    resume: ResumeData,
    fail_types: Vec<Type>,
    trace: u32,
    opcode: Opcode,
    fail_count: u32,
    bridge: Option<u32>,
    bridge_aborts: u32,
    /// The guard's exit enters its bridge through this cell (see `link`).
    link: Box<LinkCell>,
}

const CACHE_SIZE: usize = 1024;

#[derive(Copy, Clone)]
struct CacheEntry {
    greens: Greens,
    valid: bool,
    state: CellState,
    count: u32,
}

struct Jit {
    params: JitParams,
    backend: Box<dyn Backend>,
    cells: HashMap<Greens, Cell>,
    cache: Vec<CacheEntry>,
    traces: Vec<CompiledTrace>,
    guards: Vec<GuardRecord>,
    qi_deps: HashMap<(usize, u32), Vec<u32>>,
    stats: JitStats,
    log: Option<Box<dyn Write>>,
    describe: Option<Box<dyn Fn(Greens) -> String>>,
    recording: u32,
    recording_since: f64,
    /// Quasi-immutable fields changed since the current recording started.
    changed_while_recording: Vec<(usize, u32)>,
    /// Function entries whose calls are not inlined.
    no_inline: std::collections::HashSet<Greens>,
    max_buf: usize,
}

impl Jit {
    fn new() -> Jit {
        Jit {
            params: JitParams::default(),
            backend: Box::new(crate::eval::EvalBackend),
            cells: HashMap::new(),
            cache: vec![CacheEntry { greens: Greens::default(), valid: false, state: CellState::Counting, count: 0 }; CACHE_SIZE],
            traces: Vec::new(),
            guards: Vec::new(),
            qi_deps: HashMap::new(),
            stats: JitStats::default(),
            log: None,
            describe: None,
            recording: 0,
            recording_since: 0.0,
            changed_while_recording: Vec::new(),
            no_inline: std::collections::HashSet::new(),
            max_buf: 16,
        }
    }

    fn cache_index(g: Greens) -> usize {
        let h = (g.0.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ g.1.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)).rotate_left(29);
        (h as usize) & (CACHE_SIZE - 1)
    }

    /// Loads `g` into its cache slot, writing back the evicted entry.
    fn cache_load(&mut self, idx: usize, g: Greens) {
        let old = self.cache[idx];
        if old.valid {
            let cell = self.cells.entry(old.greens).or_insert(Cell::FRESH);
            cell.count = old.count;
            cell.state = old.state;
        }
        let cell = self.cells.entry(g).or_insert(Cell::FRESH).clone();
        self.cache[idx] = CacheEntry { greens: g, valid: true, state: cell.state, count: cell.count };
    }

    fn set_state(&mut self, g: Greens, state: CellState, count: u32) {
        let idx = Self::cache_index(g);
        if self.cache[idx].valid && self.cache[idx].greens == g {
            self.cache[idx].state = state;
            self.cache[idx].count = count;
        }
        let cell = self.cells.entry(g).or_insert(Cell::FRESH);
        cell.state = state;
        cell.count = count;
    }

    fn state_of(&self, g: Greens) -> CellState {
        let idx = Self::cache_index(g);
        if self.cache[idx].valid && self.cache[idx].greens == g {
            return self.cache[idx].state;
        }
        self.cells.get(&g).map(|c| c.state).unwrap_or(CellState::Counting)
    }

    fn describe(&self, g: Greens) -> String {
        match &self.describe {
            Some(f) => f(g),
            None => format!("({}, {})", g.0, g.1),
        }
    }

    fn log(&mut self, text: &str) {
        if let Some(w) = self.log.as_mut() {
            let _ = w.write_all(text.as_bytes());
            let _ = w.flush();
        }
    }
}

thread_local! {
    static JIT: RefCell<Option<Box<Jit>>> = const { RefCell::new(None) };
}

fn with_jit<R>(f: impl FnOnce(&mut Jit) -> R) -> R {
    JIT.with(|j| {
        let mut j = j.try_borrow_mut().expect("the JIT driver was re-entered (a describer or backend called back into kiln)");
        f(j.get_or_insert_with(|| Box::new(Jit::new())))
    })
}

// ---- configuration

/// Sets the warm-up parameters of this thread's JIT.
pub fn set_params(p: JitParams) {
    with_jit(|j| j.params = p);
}

pub fn params() -> JitParams {
    with_jit(|j| j.params.clone())
}

/// Installs the code generator (the default is the IR evaluator).
pub fn set_backend(b: Box<dyn Backend>) {
    with_jit(|j| j.backend = b);
}

pub fn backend_name() -> &'static str {
    with_jit(|j| j.backend.name())
}

/// Sets how green keys are described in logs and messages (e.g. "file.py:12
/// LOAD_FAST x"). The function must not call into kiln.
pub fn set_describer(f: impl Fn(Greens) -> String + 'static) {
    with_jit(|j| j.describe = Some(Box::new(f)));
}

/// Writes every trace, before and after optimization, to `w`.
pub fn set_log(w: Box<dyn Write>) {
    with_jit(|j| j.log = Some(w));
}

pub fn stats() -> JitStats {
    with_jit(|j| {
        let mut s = j.stats.clone();
        // Transitions compiled code made directly, without the driver.
        s.guard_failures += j.guards.iter().map(|g| g.link.count.get()).sum::<u64>();
        s.loop_entries += j.traces.iter().map(|t| t.link.count.get()).sum::<u64>();
        s
    })
}

/// Forgets all compiled code, counters and statistics of this thread.
pub fn reset() {
    JIT.with(|j| *j.borrow_mut() = None);
}

// ---- used by the recorder

pub(crate) fn wants_descriptions() -> bool {
    with_jit(|j| j.log.is_some() || j.describe.is_some())
}

pub(crate) fn trace_limit() -> usize {
    with_jit(|j| j.params.trace_limit)
}

pub(crate) fn recording_started() {
    with_jit(|j| {
        j.recording += 1;
        j.recording_since = crate::clock::now();
        j.changed_while_recording.clear();
    });
}

pub(crate) fn describe_greens(g: Greens) -> String {
    with_jit(|j| j.describe(g))
}

pub(crate) fn guard_resume(guard: u32) -> ResumeData {
    with_jit(|j| j.guards[guard as usize].resume.clone())
}

/// The compiled loop at `g`, if any: its trace number and input count.
pub(crate) fn compiled_loop_at(g: Greens) -> Option<(u32, usize)> {
    with_jit(|j| match j.state_of(g) {
        CellState::Compiled(t) if j.traces[t as usize].invalidated.get() == 0 => Some((t, j.traces[t as usize].num_inputs)),
        _ => None,
    })
}

/// Stops inlining calls of the function with entry `g`.
pub(crate) fn dont_inline(g: Greens) {
    with_jit(|j| {
        if j.no_inline.insert(g) {
            let text = format!("# no longer inlining {}\n", j.describe(g));
            j.log(&text);
        }
    });
}

/// Whether a recording of the loop at `g` may end with its frame returning
/// (`finish`) instead of closing the loop: once recordings that did so have
/// used up their retries, the loop is most likely short every time it runs
/// (a loop over a few items in a method), and a trace through its last
/// iteration and the function's return is what compiles it (PyPy's
/// "done with this frame"). More iterations leave through the exhaustion
/// guard, whose bridge comes back to the loop header.
pub(crate) fn loop_may_finish(g: Greens) -> bool {
    with_jit(|j| j.cells.get(&g).is_some_and(|c| c.left_frame >= LEFT_FRAME_RETRIES))
}

/// Whether calls of the function with entry `g` may be inlined.
pub(crate) fn inlining_allowed(g: Greens) -> bool {
    with_jit(|j| !j.no_inline.contains(&g))
}

/// Makes the loop header `g` trace at its next visit.
pub(crate) fn make_hot(g: Greens) {
    with_jit(|j| {
        if j.state_of(g) == CellState::Counting {
            let t = j.params.threshold;
            j.set_state(g, CellState::Counting, t);
        }
    });
}

// ---- the concrete-mode hook

/// Counts a pass over a loop header; see [`crate::Mode::loop_header`].
#[inline]
pub fn on_loop_header(g: Greens, _live: usize) -> Option<JitStop> {
    if crate::gc::collection_due() {
        return Some(JitStop::Collect);
    }
    with_jit(|j| {
        if !j.params.enabled || j.recording > 0 {
            return None;
        }
        let idx = Jit::cache_index(g);
        if !(j.cache[idx].valid && j.cache[idx].greens == g) {
            j.cache_load(idx, g);
        }
        let e = &mut j.cache[idx];
        match e.state {
            CellState::Compiled(t) => {
                if j.traces[t as usize].invalidated.get() == 0 {
                    j.stats.loop_entries += 1;
                    return Some(JitStop::Enter(t));
                }
                e.state = CellState::Counting;
                e.count = 0;
                None
            }
            CellState::Blacklisted => None,
            CellState::Counting => {
                e.count += 1;
                if e.count >= j.params.threshold {
                    e.count = 0;
                    Some(JitStop::StartTrace(g))
                } else {
                    None
                }
            }
        }
    })
}

/// Function-entry green keys are kept apart from loop headers' by this bit.
const FUNCTION_KEY: u64 = 1 << 63;

fn function_key(g: Greens) -> Greens {
    Greens(g.0, g.1 ^ FUNCTION_KEY)
}

/// Counts a function entry; see [`crate::Mode::function_entry`].
#[inline]
pub fn on_function_entry(g: Greens, _live: usize) -> Option<JitStop> {
    if crate::gc::collection_due() {
        return Some(JitStop::Collect);
    }
    let key = function_key(g);
    with_jit(|j| {
        if !j.params.enabled || j.recording > 0 {
            return None;
        }
        let idx = Jit::cache_index(key);
        if !(j.cache[idx].valid && j.cache[idx].greens == key) {
            j.cache_load(idx, key);
        }
        let e = &mut j.cache[idx];
        match e.state {
            CellState::Compiled(t) => {
                if j.traces[t as usize].invalidated.get() == 0 {
                    j.stats.loop_entries += 1;
                    j.traces[t as usize].entries += 1;
                    return Some(JitStop::Enter(t));
                }
                e.state = CellState::Counting;
                e.count = 0;
                None
            }
            CellState::Blacklisted => None,
            CellState::Counting => {
                e.count += 1;
                if e.count >= j.params.function_threshold {
                    e.count = 0;
                    Some(JitStop::StartFunctionTrace(g))
                } else {
                    None
                }
            }
        }
    })
}

/// Notes that a function-entry recording starts (for statistics).
pub fn count_function_trace() {
    with_jit(|j| j.stats.functions_traced += 1);
}

// ---- finishing a recording

/// Ends a recording: optimizes and compiles a closed trace, or counts an
/// aborted one (blacklisting its loop header after too many aborts).
pub fn finish_recording(mut rec: Recorder<'_>) {
    if rec.status == RecordStatus::Recording {
        rec.abort(AbortReason::Other("the interpreter stopped before the trace closed".into()));
    }
    let now = crate::clock::now();
    with_jit(|j| {
        j.recording = j.recording.saturating_sub(1);
        j.stats.seconds_tracing += now - j.recording_since;
    });
    // A trace that assumed a quasi-immutable field which changed while it
    // was being recorded is already wrong.
    let stale = with_jit(|j| rec.qi_deps.iter().any(|d| j.changed_while_recording.contains(d)));
    if stale && rec.status == RecordStatus::Closed {
        rec.status = RecordStatus::Aborted(AbortReason::Other("a quasi-immutable field changed while recording".into()));
    }
    match rec.status.clone() {
        RecordStatus::Closed => compile_trace(rec),
        RecordStatus::Aborted(reason) => record_abort(&rec, reason),
        RecordStatus::Recording => unreachable!(),
    }
}

/// Recordings of a loop that may end in its function's return before they
/// count against `max_aborts` (see `record_abort`).
const LEFT_FRAME_RETRIES: u32 = 12;

fn record_abort(rec: &Recorder<'_>, reason: AbortReason) {
    with_jit(|j| {
        *j.stats.aborts.entry(reason.to_string()).or_insert(0) += 1;
        let text = format!("# aborted {}: {}\n", what(rec, j), reason);
        j.log(&text);
        match rec.bridge_of {
            None => {
                let function = rec.trace.kind == TraceKind::Function;
                if function {
                    j.stats.functions_aborted += 1;
                } else {
                    j.stats.loops_aborted += 1;
                }
                if matches!(reason, AbortReason::InnerLoop | AbortReason::InlinedLoop) {
                    return;
                }
                let g = if function { function_key(rec.start) } else { rec.start };
                let (aborts, retry) = {
                    let cell = j.cells.entry(g).or_insert(Cell::FRESH);
                    // A loop whose function returned while it was being
                    // recorded was usually caught in its last iteration (a
                    // short loop is as often at its end as anywhere): that
                    // says little about the loop, so it has its own, larger
                    // budget before it counts as a failed attempt.
                    if reason == AbortReason::LeftBaseFrame && cell.left_frame < LEFT_FRAME_RETRIES {
                        cell.left_frame += 1;
                        (cell.aborts, true)
                    } else {
                        cell.aborts += 1;
                        (cell.aborts, false)
                    }
                };
                if retry {
                    // Again at the loop's next iteration (most likely not a
                    // last one), without counting up first.
                    let again = j.params.threshold.saturating_sub(1);
                    j.set_state(g, CellState::Counting, again);
                    return;
                }
                if aborts >= j.params.max_aborts {
                    j.stats.blacklisted += 1;
                    j.set_state(g, CellState::Blacklisted, 0);
                    let text = format!("# blacklisted {} after {aborts} aborts\n", j.describe(g));
                    j.log(&text);
                } else {
                    j.set_state(g, CellState::Counting, 0);
                }
            }
            Some(guard) => {
                j.stats.bridges_aborted += 1;
                let g = &mut j.guards[guard as usize];
                // A loop met in an inlined call is not inlined next time:
                // the next recording differs, so it is not a failed try.
                if !matches!(reason, AbortReason::InnerLoop | AbortReason::InlinedLoop) {
                    g.bridge_aborts += 1;
                }
                g.fail_count = 0;
            }
        }
    });
}

fn what(rec: &Recorder<'_>, j: &Jit) -> String {
    match rec.bridge_of {
        None if rec.trace.kind == TraceKind::Function => format!("function entry at {}", j.describe(rec.start)),
        None => format!("loop at {}", j.describe(rec.start)),
        Some(g) => format!("bridge from guard {g}"),
    }
}

fn compile_trace(rec: Recorder<'_>) {
    let trace = &rec.trace;
    let (optimize, title) = with_jit(|j| {
        j.stats.ops_recorded += trace.ops.len() as u64;
        let title = what(&rec, j);
        if j.log.is_some() {
            let text = format!("# {title}: recorded, {} ops\n{}\n", trace.ops.len(), text::print(trace));
            j.log(&text);
        }
        (j.params.optimize, title)
    });
    let t0 = crate::clock::now();
    let opt = if optimize { crate::opt::optimize(trace) } else { crate::opt::copy(trace) };
    let t1 = crate::clock::now();
    if let Err(e) = opt.verify() {
        panic!("optimizer produced a malformed trace for {title}: {e}\n{}", text::print(&opt));
    }
    with_jit(|j| {
        j.stats.seconds_optimizing += t1 - t0;
        j.stats.ops_after_optimization += opt.ops.len() as u64;
        if j.log.is_some() {
            let text = format!("# {title}: optimized, {} ops\n{}\n", opt.ops.len(), text::print(&opt));
            j.log(&text);
        }
        let trace_id = j.traces.len() as u32;
        let mut exits = Vec::new();
        let first_guard = j.guards.len() as u32;
        let mut new_guards = Vec::new();
        let mut links = Links::default();
        for (_, op) in opt.guards() {
            let (fail_args, resume) = resume::build(op);
            let fail_types = fail_args.iter().map(|&a| opt.type_of(a)).collect();
            let id = first_guard + new_guards.len() as u32;
            j.max_buf = j.max_buf.max(fail_args.len());
            exits.push(GuardExit { id, fail_args });
            let link = Box::<LinkCell>::default();
            links.guards.push(&*link as *const LinkCell as usize);
            new_guards.push(GuardRecord {
                link,
                resume,
                fail_types,
                trace: trace_id,
                opcode: op.opcode,
                fail_count: 0,
                bridge: None,
                bridge_aborts: 0,
            });
        }
        if let Some(last) = opt.ops.last() {
            j.max_buf = j.max_buf.max(last.args.len());
        }
        j.max_buf = j.max_buf.max(opt.num_inputs);
        let invalidated = Box::new(std::cell::Cell::new(0u64));
        if let Some(Descr::Target(JumpTarget::Loop(t))) = opt.ops.last().filter(|o| o.opcode == Opcode::Jump).map(|o| o.descr) {
            if let Some(target) = j.traces.get(t as usize) {
                links.jump = &*target.link as *const LinkCell as usize;
            }
        }
        let info = CompileInfo { trace_id, guards: exits, invalidated_flag: invalidated.as_ptr(), links };
        let t2 = crate::clock::now();
        let code = j.backend.compile(&opt, &info);
        j.stats.seconds_compiling += crate::clock::now() - t2;
        let code = match code {
            Ok(c) => c,
            Err(e) => {
                j.stats.compile_errors += 1;
                let text = format!("# {title}: compile error: {e}\n");
                j.log(&text);
                eprintln!("kiln: backend {} failed to compile {title}: {e}", j.backend.name());
                return;
            }
        };
        j.stats.code_bytes += code.code_size() as u64;
        j.guards.extend(new_guards);
        let root = match rec.bridge_of {
            None => trace_id,
            Some(g) => j.traces[j.guards[g as usize].trace as usize].root,
        };
        // Code that ends in `finish` is linked to like any other: the exit
        // code says how many values it stored.
        let link = Box::<LinkCell>::default();
        let direct = code.link_entry();
        if rec.bridge_of.is_none() && rec.trace.kind != TraceKind::Function {
            link.entry.set(direct);
        }
        j.traces.push(CompiledTrace {
            link,
            code,
            num_inputs: opt.num_inputs,
            root,
            bridges: 0,
            invalidated,
            gc_consts: rec.gc_consts.clone(),
            start: rec.start,
            function: rec.bridge_of.is_none() && rec.trace.kind == TraceKind::Function,
            entries: 0,
            evicted: false,
        });
        for dep in &rec.qi_deps {
            j.qi_deps.entry(*dep).or_default().push(trace_id);
        }
        match rec.bridge_of {
            None if rec.trace.kind == TraceKind::Function => {
                j.stats.functions_compiled += 1;
                j.set_state(function_key(rec.start), CellState::Compiled(trace_id), 0);
            }
            None => {
                j.stats.loops_compiled += 1;
                j.set_state(rec.start, CellState::Compiled(trace_id), 0);
            }
            Some(g) => {
                j.stats.bridges_compiled += 1;
                j.guards[g as usize].bridge = Some(trace_id);
                j.guards[g as usize].link.entry.set(direct);
                j.traces[root as usize].bridges += 1;
            }
        }
        for t in j.backend.take_evicted() {
            evict(j, t);
        }
    });
}

/// Stands in for the code of an evicted trace; the driver never runs it.
struct EvictedCode;

impl CompiledCode for EvictedCode {
    unsafe fn run(&self, _ctx: *mut crate::ctx::JitCtx, _buf: *mut u64) -> u64 {
        unreachable!("the driver ran the code of an evicted trace")
    }
    fn code_size(&self) -> usize {
        0
    }
}

/// Drops the code of trace `t` (and, for a loop, of its bridges) at the
/// backend's request: the loop header counts again (and may be traced
/// anew), a bridge is detached from its guard, and compiled code jumping to
/// an evicted loop resumes the interpreter at its header (see [`execute`]).
fn evict(j: &mut Jit, t: u32) {
    let Some(tr) = j.traces.get(t as usize) else { return };
    if tr.evicted {
        return;
    }
    let root = tr.root;
    let victims: Vec<u32> = if root == t {
        (0..j.traces.len() as u32).filter(|&v| j.traces[v as usize].root == t).collect()
    } else {
        let r = &mut j.traces[root as usize];
        r.bridges = r.bridges.saturating_sub(1);
        vec![t]
    };
    for v in victims {
        if j.traces[v as usize].evicted {
            continue;
        }
        // A guard never leads to evicted code (an evicted loop may still be
        // running further up the stack and exit through its guards).
        for g in j.guards.iter_mut().filter(|g| g.bridge == Some(v)) {
            g.bridge = None;
            g.fail_count = 0;
            g.link.entry.set(0);
        }
        let tr = &mut j.traces[v as usize];
        tr.link.entry.set(0);
        tr.evicted = true;
        tr.code = Rc::new(EvictedCode);
        tr.gc_consts = Vec::new();
        // Makes loop headers and function entries count again, exactly as
        // after an invalidation.
        tr.invalidated.set(1);
        j.stats.evictions += 1;
        let text = format!("# evicted trace {v}\n");
        j.log(&text);
    }
}

impl Jit {
    /// The code to continue with after compiled code jumped to loop `t`:
    /// its own, or that of the loop compiled at the same header after `t`
    /// was evicted. `Err` gives the header and input count of an evicted
    /// loop with no replacement, where the interpreter must resume.
    fn jump_target(&mut self, t: u32) -> Result<Rc<dyn CompiledCode>, (Greens, usize)> {
        let tr = &self.traces[t as usize];
        if !tr.evicted {
            return Ok(tr.code.clone());
        }
        let (start, n) = (tr.start, tr.num_inputs);
        match self.state_of(start) {
            CellState::Compiled(t2) => {
                let tr2 = &self.traces[t2 as usize];
                if !tr2.evicted && tr2.invalidated.get() == 0 && tr2.num_inputs == n {
                    return Ok(tr2.code.clone());
                }
                Err((start, n))
            }
            _ => Err((start, n)),
        }
    }
}

// ---- running compiled code

/// What the interpreter must do after compiled code exited.
#[derive(Debug)]
pub struct ExitState {
    /// The frames to rebuild, outermost first; the first is the frame the
    /// loop was entered in.
    pub frames: Vec<ResumeFrame>,
    /// For `Raise` resumes: the exception to raise at the innermost frame's
    /// position instead of executing its instruction.
    pub exception: Option<u64>,
    /// When set, the interpreter should start recording a bridge (with
    /// [`Recorder::start_bridge`]) right after rebuilding the frames.
    pub bridge: Option<BridgeStart>,
    /// Set when compiled code ended with `finish` (a function-entry trace,
    /// or a bridge, whose base frame returned): the frame passed to
    /// [`execute`] returned these values and must be popped by the
    /// interpreter (`frames` is then empty).
    pub finished: Option<Vec<u64>>,
}

impl ExitState {
    /// Writes the first frame's words into `base` (the entered frame).
    pub fn restore_base(&self, base: &mut Slots) {
        let f = &self.frames[0];
        base.words_mut()[..f.words.len()].copy_from_slice(&f.words);
    }
}

/// Runs the compiled loop `token`, entered from frame `base` at its header,
/// until it exits, following jumps and bridges. Returns the state to resume.
pub fn execute(token: u32, base: &Slots) -> ExitState {
    let (mut code, n, size) = with_jit(|j| {
        let t = &j.traces[token as usize];
        (t.code.clone(), t.num_inputs, j.max_buf)
    });
    let mut buf = vec![0u64; size.max(n)];
    buf[..n].copy_from_slice(&base.words()[..n]);
    let ctx = crate::ctx::ctx_ptr();
    loop {
        // SAFETY: the buffer holds the trace's inputs and is as large as the
        // largest exit of any compiled trace.
        let code_ = unsafe { code.run(ctx, buf.as_mut_ptr()) };
        match Exit::decode(code_) {
            Exit::Jump(t) => {
                let target = with_jit(|j| {
                    j.stats.loop_entries += 1;
                    j.jump_target(t)
                });
                match target {
                    Ok(c) => code = c,
                    Err((greens, n)) => {
                        // The loop was evicted: continue in the interpreter
                        // at its header, with the inputs the jump passed.
                        let frames = vec![ResumeFrame { greens, words: buf[..n].to_vec() }];
                        return ExitState { frames, exception: None, bridge: None, finished: None };
                    }
                }
            }
            Exit::Guard(g) => {
                let next = with_jit(|j| {
                    j.stats.guard_failures += 1;
                    let gr = &mut j.guards[g as usize];
                    gr.fail_count = gr.fail_count.saturating_add(1);
                    gr.bridge.map(|b| j.traces[b as usize].code.clone())
                });
                match next {
                    Some(c) => code = c,
                    None => return exit_state(g, &buf),
                }
            }
            Exit::Finish => {
                let n = Exit::finish_arity(code_);
                return ExitState { frames: Vec::new(), exception: None, bridge: None, finished: Some(buf[..n].to_vec()) };
            }
        }
    }
}

/// Failures of a guard that can get no bridge (capped, or its recordings
/// failed) after which a function-entry trace is no longer entered, if
/// they are also a quarter of its entries or more.
const DEOPTS_BEFORE_GIVING_UP: u32 = 1000;

fn exit_state(g: u32, buf: &[u64]) -> ExitState {
    let (resume, bridge) = with_jit(|j| {
        j.stats.deopts += 1;
        let threshold = j.params.bridge_threshold;
        let max_aborts = j.params.max_bridge_aborts;
        let cap = j.params.max_bridges_per_loop;
        let gr = &j.guards[g as usize];
        let eligible = gr.bridge.is_none()
            && gr.fail_count >= threshold
            && gr.bridge_aborts < max_aborts
            && !matches!(gr.opcode, Opcode::GuardNotInvalidated | Opcode::GuardGcNotDue | Opcode::GuardNoException)
            && j.params.enabled;
        let root = j.traces[gr.trace as usize].root;
        let invalid = j.traces[gr.trace as usize].invalidated.get() != 0;
        let mut bridge = None;
        // A guard that can get no bridge, failing at a good share of the
        // entries (not a rare path of a trace entered millions of times).
        let hopeless = gr.bridge.is_none()
            && gr.bridge_aborts >= max_aborts
            && gr.fail_count >= DEOPTS_BEFORE_GIVING_UP
            && u64::from(gr.fail_count) * 4 >= j.traces[root as usize].entries;
        if hopeless && j.traces[root as usize].function && !invalid {
            // Every call enters the function's trace only to leave it here
            // for the interpreter: running the call in the interpreter from
            // the start is cheaper.
            let start = j.traces[root as usize].start;
            j.set_state(function_key(start), CellState::Blacklisted, 0);
            j.stats.blacklisted += 1;
            let text = format!("# function entry at {} no longer entered: guard {g} keeps leaving for the interpreter\n", j.describe(start));
            j.log(&text);
        }
        if eligible && !invalid {
            if j.traces[root as usize].bridges >= cap {
                j.stats.bridges_capped += 1;
                j.guards[g as usize].bridge_aborts = max_aborts;
            } else {
                j.stats.bridges_traced += 1;
                let gr = &mut j.guards[g as usize];
                gr.fail_count = 0;
                bridge = Some(BridgeStart { guard: g, input_types: gr.fail_types.clone() });
            }
        }
        (j.guards[g as usize].resume.clone(), bridge)
    });
    let (frames, _objects) = resume::rebuild(&resume, buf);
    let exception = match resume.kind {
        ResumeKind::Raise => Some(crate::ctx::take_exception().expect("guard_no_exception failed without a pending exception")),
        ResumeKind::Reexecute => None,
    };
    ExitState { frames, exception, bridge, finished: None }
}

/// Notes that a loop recording starts (for statistics).
pub fn count_loop_trace() {
    with_jit(|j| j.stats.loops_traced += 1);
}

/// Invalidates every trace that assumed the quasi-immutable field `d` of
/// `obj` keeps its value. Call it right after changing such a field.
pub fn quasi_immut_changed(obj: usize, d: &FieldDescr) {
    with_jit(|j| {
        if j.recording > 0 {
            j.changed_while_recording.push((obj, d.offset));
        }
        if let Some(traces) = j.qi_deps.remove(&(obj, d.offset)) {
            for t in traces {
                let tr = &j.traces[t as usize];
                // Jumps to an invalidated loop go through the driver, which
                // continues with the loop's replacement once there is one.
                tr.link.entry.set(0);
                if tr.invalidated.get() == 0 {
                    tr.invalidated.set(1);
                    j.stats.invalidations += 1;
                }
            }
        }
    });
}

/// Reports the references compiled traces hold as constants (the GC calls this).
pub(crate) fn trace_jit_roots(tracer: &mut Tracer) {
    JIT.with(|j| {
        if let Ok(j) = j.try_borrow() {
            if let Some(j) = j.as_ref() {
                for t in j.traces.iter().filter(|t| !t.evicted) {
                    for &r in &t.gc_consts {
                        tracer.mark(r as usize);
                    }
                }
            }
        }
    });
}
