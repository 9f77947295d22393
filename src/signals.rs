//! The signals that end a run early: Ctrl-C (SIGINT), a CI cancel or `kill` (SIGTERM) and a
//! closed terminal (SIGHUP). Each is handled like Ctrl-C (`run` names the tasks it launched and
//! how to stop them) and ends with its own exit code, 128 + the signal's number, as shells
//! report it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};

use crate::exit;

/// The first of the signals to arrive, as its exit code.
pub async fn any() -> i32 {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) else {
            let _ = tokio::signal::ctrl_c().await;
            return exit::INTERRUPTED;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => exit::INTERRUPTED,
            _ = term.recv() => exit::TERMINATED,
            _ = hup.recv() => exit::HANGUP,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        exit::INTERRUPTED
    }
}

/// What a signal ends: "interrupted" (Ctrl-C), "terminated", "hung up".
pub fn word(code: i32) -> &'static str {
    match code {
        exit::TERMINATED => "terminated",
        exit::HANGUP => "hung up",
        _ => "interrupted",
    }
}

/// A signal that can be noticed at every step of a command (0: none yet).
#[derive(Clone, Default)]
pub struct Interrupt {
    code: Arc<AtomicI32>,
    notify: Arc<tokio::sync::Notify>,
}

impl Interrupt {
    pub fn listen() -> Interrupt {
        let i = Interrupt::default();
        let c = i.clone();
        tokio::spawn(async move {
            let code = any().await;
            c.code.store(code, Ordering::SeqCst);
            c.notify.notify_waiters();
        });
        i
    }

    /// The exit code of the signal that arrived, if one did.
    pub fn code(&self) -> Option<i32> {
        Some(self.code.load(Ordering::SeqCst)).filter(|c| *c != 0)
    }

    /// Waits for a signal; its exit code.
    pub async fn wait(&self) -> i32 {
        let notified = self.notify.notified();
        if let Some(c) = self.code() {
            return c;
        }
        notified.await;
        self.code().unwrap_or(exit::INTERRUPTED)
    }
}
