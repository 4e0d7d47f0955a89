/*
 * system.h - what the kiosk asks of the machine around it: the removable
 * drives mounted now (handouts saved to a USB stick; later the notes
 * export), and the printers (CUPS through its own commands, lpstat and lp).
 *
 * Programs are run with fork and execvp, never through a shell, so no file
 * or printer name is ever interpreted.
 *
 * Depends on: POSIX.
 */
#ifndef MG_SYSTEM_H
#define MG_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>

#define SYS_PATH 256

/*
 * The removable drives mounted now, at most max, into out (each a path):
 * /media/USER/LABEL, /media/LABEL and /run/media/USER/LABEL that are
 * mount points (on another device than the folder above).  Returns how
 * many.
 */
int sys_drives(char out[][SYS_PATH], int max);

/* The default printer's name (lpstat -d) into name; false when CUPS is not
 * there or has no default printer. */
bool sys_default_printer(char *name, size_t size);

/*
 * Print file on printer, copies of it, under title (lp -d -n -t).  True
 * when the printer system took it; otherwise false with its own first line
 * of explanation in msg (an unplugged printer says so in its words).
 */
bool sys_print(const char *printer, int copies, const char *title, const char *file, char *msg,
               size_t size);

#endif
