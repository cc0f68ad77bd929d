//! Rules: who may do what (`access`) and the issue state machine's one writer
//! (`issue_flow`). Imports only the shared base (entities, errors) and `model`.

pub mod access;
pub mod issue_flow;
