#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so the wide-character API has to be requested here. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Globals and macros that Swift 6 cannot use directly (not concurrency-safe, or function-like macros). */

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

static inline void cn_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y = 0, x = 0;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

/* Style flags as passed from Swift: 1 bold, 2 dim, 4 reverse, 8 underline. */
static inline int cn_set_style(WINDOW *win, unsigned int flags, short pair) {
    attr_t attrs = A_NORMAL;
    if (flags & 1u) attrs |= A_BOLD;
    if (flags & 2u) attrs |= A_DIM;
    if (flags & 4u) attrs |= A_REVERSE;
    if (flags & 8u) attrs |= A_UNDERLINE;
    return wattr_set(win, attrs, pair, NULL);
}

static inline int cn_key_f0(void) { return KEY_F0; }

/* newterm on the process's stdout/stdin: returns NULL (instead of exiting like initscr) for an unknown TERM. */
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }

/*
 * Terminal restoration on every exit path.
 * cn_curses_active is set while curses owns the screen. Signal handlers and the atexit hook call endwin()
 * exactly once. Policy 0: restore, reset the handler and re-raise (the process dies as it would have,
 * with a sane terminal). Policy 1: record the signal for the application loop to handle (SIGINT as a key,
 * SIGTERM/SIGHUP as a request to stop).
 */
static volatile sig_atomic_t cn_curses_active = 0;
static volatile sig_atomic_t cn_pending_signal = 0;
static volatile sig_atomic_t cn_signal_policy = 0;

static inline void cn_set_active(int active) { cn_curses_active = active; }
static inline int cn_is_active(void) { return cn_curses_active; }

static inline void cn_restore_terminal(void) {
    if (cn_curses_active) {
        cn_curses_active = 0;
        endwin();
    }
}

static void cn_signal_handler(int sig) {
    /* Delivered to the app, unless the same signal is still waiting: then the app is not reading input
       (busy or hung), and a second Ctrl-C restores the terminal and ends the process. */
    if (cn_signal_policy == 1 && cn_pending_signal != sig) {
        cn_pending_signal = sig;
        return;
    }
    cn_restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void cn_atexit_hook(void) { cn_restore_terminal(); }

static inline void cn_install_handlers(int deliverToApp) {
    static int atexitRegistered = 0;
    cn_signal_policy = deliverToApp ? 1 : 0;
    if (!atexitRegistered) {
        atexitRegistered = 1;
        atexit(cn_atexit_hook);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = cn_signal_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
}

static inline void cn_uninstall_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
}

/* Returns and clears the signal recorded by the handler (0 when none). */
static inline int cn_take_pending_signal(void) {
    int sig = cn_pending_signal;
    cn_pending_signal = 0;
    return sig;
}

#endif
