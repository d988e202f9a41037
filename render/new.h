/*
 * new.h — `dossier new KIND FILE`: a starting file that `check` accepts.
 */
#ifndef DOSSIER_NEW_H
#define DOSSIER_NEW_H

/* The command: argv[0] is "new". Returns the exit status. */
int new_main(int argc, char **argv);

#endif
