(* The source lesson's flag in OCaml: a token that threads share and poll
   between steps, as std.Token does in Go.

   Build and run (OCaml 4.12 or later, for Atomic):
     ocamlfind ocamlopt -package threads.posix -thread -linkpkg flag_threads.ml -o flag_threads
     ./flag_threads main          the source's main: cancel at 35ms
     ./flag_threads after-step    cancel as soon as step 2 is reported
     ./flag_threads sums          cancellable_sum: the lines of Go's Sums scenario

   Why Atomic.t and not a bool ref: under OCaml 4 only one thread runs
   OCaml code at a time (the runtime lock), and a thread switch acts as a
   barrier, so a plain ref happens to work. OCaml 5 runs domains in
   parallel; a plain ref read in one domain and written in another is then a
   data race, and nothing promises the reader ever sees the write. Atomic.t
   makes the intent explicit and stays correct in both. *)

(* @begin token *)
type token = bool Atomic.t

let new_token () : token = Atomic.make false
let cancel (t : token) = Atomic.set t true
let is_cancelled (t : token) = Atomic.get t
(* @end token *)

(* @begin long_task *)
(* Check before each step; a cancel during a step is seen at the next check. *)
let long_task ?(on_step = fun _ -> ()) token steps =
  let rec loop i =
    if i >= steps then Ok (Printf.sprintf "completed all %d steps" steps)
    else if is_cancelled token then Error (Printf.sprintf "cancelled at step %d" i)
    else begin
      Thread.delay 0.01; (* the work: a flag cannot interrupt it *)
      Printf.printf "Step %d complete\n%!" i;
      on_step i;
      loop (i + 1)
    end
  in
  loop 0
(* @end long_task *)

(* @begin sum *)
(* OCaml's int has 63 bits (max_int is 2^62 - 1), so the sum is an Int64,
   whose add wraps around: saturate by hand, as Go's saturating.Add does. *)
let saturating_add a b =
  let s = Int64.add a b in
  (* it overflowed if a and b have the same sign and s the other *)
  if Int64.logand (Int64.logxor a s) (Int64.logxor b s) < 0L then
    if a < 0L then Int64.min_int else Int64.max_int
  else s

let check_every = 1000

(* Check before item 0 and then every check_every items: None at the first
   check that finds the token cancelled. No data needs no check. *)
let cancellable_sum token (data : int64 array) =
  let n = Array.length data in
  let rec from start acc =
    if start >= n then Some acc
    else if is_cancelled token then None
    else begin
      let acc = ref acc in
      for i = start to min n (start + check_every) - 1 do
        acc := saturating_add !acc data.(i) (* a tight loop, no checks *)
      done;
      from (start + check_every) !acc
    end
  in
  from 0 0L
(* @end sum *)

let report = function
  | Ok msg -> Printf.printf "Success: %s\n%!" msg
  | Error msg -> Printf.printf "Cancelled: %s\n%!" msg

(* @begin main *)
let source_main () =
  let token = new_token () in
  let result = ref (Ok "") in
  let task = Thread.create (fun () -> result := long_task token 10) () in
  Thread.delay 0.035;
  Printf.printf "Cancelling...\n%!";
  cancel token;
  Thread.join task;
  report !result;
  (* A fresh token that nobody cancels: the task runs to the end. *)
  let token2 = new_token () in
  let result2 = ref (Ok "") in
  let task2 = Thread.create (fun () -> result2 := long_task token2 3) () in
  Thread.join task2;
  match !result2 with
  | Ok msg -> Printf.printf "Result: %s\n%!" msg
  | Error msg -> Printf.printf "Result: error: %s\n%!" msg
(* @end main *)

(* Deterministic: the task itself cancels right after reporting step 2. *)
let after_step () =
  let token = new_token () in
  let on_step i =
    if i = 2 then begin
      Printf.printf "Cancelling...\n%!";
      cancel token
    end
  in
  report (long_task ~on_step token 10)

(* The lines of Go's Sums scenario, without its stamps. *)
let sums () =
  let data = Array.init 1_000_000 (fun i -> Int64.of_int (i + 1)) in
  let live = new_token () and cancelled = new_token () in
  cancel cancelled;
  let show = function Some s -> Printf.sprintf "%Ld, true" s | None -> "0, false" in
  let sum data = match cancellable_sum live data with Some s -> s | None -> assert false in
  Printf.printf "1 + 2 + ... + 1000000       = %s\n" (show (cancellable_sum live data));
  Printf.printf "the same, token cancelled   = %s\n" (show (cancellable_sum cancelled data));
  Printf.printf "no data, token cancelled    = %s\n" (show (cancellable_sum cancelled [||]));
  Printf.printf "MaxInt64 + 1 - 1            = %Ld\n" (sum [| Int64.max_int; 1L; -1L |]);
  Printf.printf "MaxInt64 - 1 + 1            = %Ld\n" (sum [| Int64.max_int; -1L; 1L |])

let () =
  match Sys.argv with
  | [| _; "main" |] -> source_main ()
  | [| _; "after-step" |] -> after_step ()
  | [| _; "sums" |] -> sums ()
  | _ ->
      prerr_endline "usage: flag_threads main|after-step|sums";
      exit 2
