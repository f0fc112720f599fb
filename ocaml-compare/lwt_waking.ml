(* The waking version in OCaml, with Lwt: cancelling wakes a task that is
   sleeping, at once, as a select on ctx.Done() does in Go.

   Build and run:
     ocamlfind ocamlopt -package lwt.unix -thread -linkpkg lwt_waking.ml -o lwt_waking
     ./lwt_waking main            the source's main: cancel at 35ms
     ./lwt_waking after-step      cancel as soon as step 2 is reported
     ./lwt_waking lwt-cancel      no token: Lwt.cancel on the task's promise

   Two ways to cancel in Lwt. A token: a promise that resolves on cancel,
   raced against each step's sleep with Lwt.pick (the select). Or
   Lwt.cancel on the task's own promise, which propagates to the pending
   sleep and makes it fail with Lwt.Canceled. *)

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
let long_task ?(on_step = fun _ -> ()) token steps =
  let rec loop i =
    if i >= steps then Lwt.return (Ok (Printf.sprintf "completed all %d steps" steps))
    else if token.cancelled then Lwt.return (Error (Printf.sprintf "cancelled at step %d" i))
    else
      let* outcome =
        Lwt.pick
          [ (let+ () = Lwt_unix.sleep 0.01 in `Done);
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
(* No token: Lwt.cancel on the task's promise reaches the pending sleep,
   which fails with Lwt.Canceled; the task turns that into its error. *)
let plain_task steps =
  let step = ref 0 in
  let rec loop () =
    if !step >= steps then Lwt.return_unit
    else
      let* () = Lwt_unix.sleep 0.01 in
      Printf.printf "Step %d complete\n%!" !step;
      incr step;
      loop ()
  in
  Lwt.catch
    (fun () ->
      let+ () = loop () in
      Ok (Printf.sprintf "completed all %d steps" steps))
    (function
      | Lwt.Canceled -> Lwt.return (Error (Printf.sprintf "cancelled at step %d" !step))
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

let () =
  match Sys.argv with
  | [| _; "main" |] -> Lwt_main.run (source_main ())
  | [| _; "after-step" |] -> Lwt_main.run (after_step ())
  | [| _; "lwt-cancel" |] -> Lwt_main.run (lwt_cancel ())
  | _ ->
      prerr_endline "usage: lwt_waking main|after-step|lwt-cancel";
      exit 2
