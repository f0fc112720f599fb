(* The waking version in OCaml, with Lwt: cancelling wakes a task that is
   sleeping, at once, as a select on ctx.Done() does in Go.

   Build and run:
     ocamlfind ocamlopt -package lwt.unix -thread -linkpkg lwt_waking.ml -o lwt_waking
     ./lwt_waking main            the source's main: cancel at 35ms
     ./lwt_waking after-step      cancel as soon as step 2 is reported
     ./lwt_waking lwt-cancel      no token: Lwt.cancel on the task's promise
     ./lwt_waking lwt-cancel-wake steps of 10s, Lwt.cancel at 35ms on a join of two tasks
     ./lwt_waking wake            steps of 10s, cancel at 35ms: ends at once
     ./lwt_waking sums            cancellable_sum: the lines of Go's Sums scenario

   Two ways to cancel in Lwt. A token: a promise that resolves on cancel,
   raced against each step's sleep with Lwt.pick (the select). Or
   Lwt.cancel on the task's own promise, which searches back through what
   the promise waits on (binds, joins, picks) to the pending sleep and makes
   it fail with Lwt.Canceled. Lwt's own manual discourages Lwt.cancel in
   new code (lwt.mli, section "Cancellation"): the token is the way it
   recommends, and Lwt.cancel is here to compare. *)

open Lwt.Syntax

(* @begin token *)
type token = { mutable cancelled : bool; on_cancel : unit Lwt.t; wake : unit Lwt.u }

let new_token () =
  let on_cancel, wake = Lwt.wait () in
  { cancelled = false; on_cancel; wake }

let cancel t =
  if not t.cancelled then begin
    t.cancelled <- true;
    Lwt.wakeup_later t.wake ()
  end
(* @end token *)

(* @begin long_task *)
(* Each step races its sleep against the token: whichever ends first wins,
   and Lwt.pick cancels the other (so no sleep outlives the task). *)
let long_task ?(on_step = fun _ -> ()) ?(step = 0.01) token steps =
  let rec loop i =
    if i >= steps then Lwt.return (Ok (Printf.sprintf "completed all %d steps" steps))
    else if token.cancelled then Lwt.return (Error (Printf.sprintf "cancelled at step %d" i))
    else
      let* outcome =
        Lwt.pick
          [ (let+ () = Lwt_unix.sleep step in `Done);
            (let+ () = token.on_cancel in `Cancelled) ]
      in
      match outcome with
      | `Cancelled -> Lwt.return (Error (Printf.sprintf "cancelled at step %d" i))
      | `Done ->
          Printf.printf "Step %d complete\n%!" i;
          on_step i;
          loop (i + 1)
  in
  loop 0
(* @end long_task *)

let report = function
  | Ok msg -> Printf.printf "Success: %s\n%!" msg
  | Error msg -> Printf.printf "Cancelled: %s\n%!" msg

(* @begin main *)
let source_main () =
  let token = new_token () in
  let task = long_task token 10 in
  let* () = Lwt_unix.sleep 0.035 in
  Printf.printf "Cancelling...\n%!";
  cancel token;
  let* result = task in
  report result;
  (* A fresh token that nobody cancels: the task runs to the end. *)
  let* result2 = long_task (new_token ()) 3 in
  (match result2 with
   | Ok msg -> Printf.printf "Result: %s\n%!" msg
   | Error msg -> Printf.printf "Result: error: %s\n%!" msg);
  Lwt.return_unit
(* @end main *)

let after_step () =
  let token = new_token () in
  let on_step i =
    if i = 2 then begin
      Printf.printf "Cancelling...\n%!";
      cancel token
    end
  in
  let* result = long_task ~on_step token 10 in
  report result;
  Lwt.return_unit

(* @begin lwt_cancel *)
(* Discouraged in new code by Lwt's manual (lwt.mli, "Cancellation"), and
   shown to compare. No token: Lwt.cancel on the task's promise reaches the
   pending sleep, which fails with Lwt.Canceled; the task turns that into
   its error. *)
let plain_task ?(step = 0.01) steps =
  let at = ref 0 in
  let rec loop () =
    if !at >= steps then Lwt.return_unit
    else
      let* () = Lwt_unix.sleep step in
      Printf.printf "Step %d complete\n%!" !at;
      incr at;
      loop ()
  in
  Lwt.catch
    (fun () ->
      let+ () = loop () in
      Ok (Printf.sprintf "completed all %d steps" steps))
    (function
      | Lwt.Canceled -> Lwt.return (Error (Printf.sprintf "cancelled at step %d" !at))
      | e -> Lwt.fail e)

let lwt_cancel () =
  let task = plain_task 10 in
  let* () = Lwt_unix.sleep 0.035 in
  Printf.printf "Cancelling...\n%!";
  Lwt.cancel task;
  let* result = task in
  report result;
  Lwt.return_unit
(* @end lwt_cancel *)

(* @begin lwt_cancel_wake *)
(* Steps of 10s, and Lwt.cancel at 35ms on a join of two tasks: the
   search goes from the join to each task, through its binds and its
   catch, to each pending sleep, so both end at once. A sleep the search
   cannot reach (one wrapped in Lwt.no_cancel) would be slept out. *)
let lwt_cancel_wake () =
  let task name =
    Lwt.map (fun r -> Printf.printf "%s: " name; report r) (plain_task ~step:10.0 10)
  in
  let both = Lwt.join [ task "a"; task "b" ] in
  let* () = Lwt_unix.sleep 0.035 in
  Printf.printf "Cancelling the join...\n%!";
  Lwt.cancel both;
  both
(* @end lwt_cancel_wake *)

(* @begin wake *)
(* Steps of 10s and a cancel at 35ms: only a task that is woken ends now;
   one that polls would sleep out the step first. *)
let wake () =
  let token = new_token () in
  let task = long_task ~step:10.0 token 10 in
  let* () = Lwt_unix.sleep 0.035 in
  Printf.printf "Cancelling...\n%!";
  cancel token;
  let* result = task in
  report result;
  Lwt.return_unit
(* @end wake *)

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

(* Lwt runs one promise at a time: a loop that never yields cannot be
   cancelled by anyone else, since nobody else runs. So each check first
   lets the others run (Lwt.pause), then looks at the token. *)
let cancellable_sum token (data : int64 array) =
  let n = Array.length data in
  let rec from start acc =
    if start >= n then Lwt.return (Some acc)
    else
      let* () = Lwt.pause () in
      if token.cancelled then Lwt.return None
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

(* The lines of Go's Sums scenario, without its stamps. *)
let sums () =
  let data = Array.init 1_000_000 (fun i -> Int64.of_int (i + 1)) in
  let live = new_token () and cancelled = new_token () in
  cancel cancelled;
  let show = function Some s -> Printf.sprintf "%Ld, true" s | None -> "0, false" in
  let sum data = Lwt.map Option.get (cancellable_sum live data) in
  let* all = cancellable_sum live data in
  Printf.printf "1 + 2 + ... + 1000000       = %s\n" (show all);
  let* none = cancellable_sum cancelled data in
  Printf.printf "the same, token cancelled   = %s\n" (show none);
  let* empty = cancellable_sum cancelled [||] in
  Printf.printf "no data, token cancelled    = %s\n" (show empty);
  let* up_down = sum [| Int64.max_int; 1L; -1L |] in
  Printf.printf "MaxInt64 + 1 - 1            = %Ld\n" up_down;
  let* down_up = sum [| Int64.max_int; -1L; 1L |] in
  Printf.printf "MaxInt64 - 1 + 1            = %Ld\n" down_up;
  Lwt.return_unit

let () =
  match Sys.argv with
  | [| _; "main" |] -> Lwt_main.run (source_main ())
  | [| _; "after-step" |] -> Lwt_main.run (after_step ())
  | [| _; "lwt-cancel" |] -> Lwt_main.run (lwt_cancel ())
  | [| _; "lwt-cancel-wake" |] -> Lwt_main.run (lwt_cancel_wake ())
  | [| _; "wake" |] -> Lwt_main.run (wake ())
  | [| _; "sums" |] -> Lwt_main.run (sums ())
  | _ ->
      prerr_endline "usage: lwt_waking main|after-step|lwt-cancel|lwt-cancel-wake|wake|sums";
      exit 2
