import { EXIT_CODE_HELP } from './exit-codes.js';

// The --help texts. Defaults shown here are the library's (design/protocol.md) and the tool's own.

export const MAIN_HELP = `Usage: hsms <command> [options]

HSMS (SEMI E37), SECS-II (E5) and GEM (E30) from a terminal. Messages are written and printed in SML.

Commands:
  serve     run the equipment simulator (or a bare GEM host) as the passive side until Ctrl-C
  connect   the same as the active side: connect to a peer that listens
  send      connect, select, send one message written in SML, print the reply, separate

Run 'hsms <command> --help' for the options of a command.

${EXIT_CODE_HELP}`;

const ENDPOINT_ROLE_TEXT = `With --role equipment (the default) it runs the equipment simulator: MDLN SIMTOOL, status
variables 1-5 (chamber temperature, pressure, process state, wafer count, control state), data
values 20-22, constants 10-11 (temperature setpoint and alarm limit), collection events 100-113
(100: a process cycle every --event-period seconds), alarm 1 (chamber over temperature) and
remote commands START LOT=<A> [RECIPE=<A>], STOP and PAUSE, and E30's standard variables, spooling
(S6F11 and S5F1 spooled while the link is down, sent on S6F23), trace data and limits monitoring.
Its report definitions, enabled events and alarms, constants and spool are kept in --state-dir
(default: a temporary directory, removed at exit). With --role host it runs a bare GEM
host that answers and logs what the equipment sends. Every message is logged to stdout in SML,
capped (32 values per item, 8192 characters, 100 messages per second; a body over 64 KiB is named,
not decoded), and at most 1 MiB of log waits for a slow reader (the rest is dropped and counted).`;

const TIMER_OPTIONS_TEXT = `  --device-id N      HSMS session id 0..32767, decimal or 0x hex (default 0)
  --event-period S   seconds between simulated process cycles (equipment role, default 5)
  --state-dir D      directory for the equipment's non-volatile state (equipment role)
  --t3 S             reply timeout (default 45)
  --t5 S             connect separation (default 10)
  --t6 S             control transaction timeout (default 5)
  --t7 S             longest time NOT SELECTED (default 10)
  --t8 S             longest gap between the bytes of one message (default 5)
  --linktest S       linktest period on an idle link, 0 turns it off (default 30)
  --debug            also log state changes and connection details
  --log-queue B      bytes of log kept for a slow stdout; more is dropped and counted (default 1048576)
  -h, --help         show this help
Times are in seconds; fractions are allowed (--t3 0.5).`;

export const SERVE_HELP = `Usage: hsms serve --port P [options]

Listens on port P as the passive side (E37) until Ctrl-C (SIGINT) or SIGTERM, then separates and
exits 0. The first line printed is 'listening on ADDRESS:PORT' with the real port (--port 0 picks
a free one).
${ENDPOINT_ROLE_TEXT}

Options:
  --port P           port to listen on (required; 0: a free port)
  --address A        peer address to accept (default: any)
  --bind A           interface to listen on (default: all)
  --role R           equipment or host (default equipment)
${TIMER_OPTIONS_TEXT}

Example: hsms serve --port 5000 --device-id 1 --t3 10
`;

export const CONNECT_HELP = `Usage: hsms connect --host H --port P [options]

Connects to H:P as the active side (E37), selects, and keeps reconnecting (T5 apart) until Ctrl-C
(SIGINT) or SIGTERM, then separates and exits 0. The first line printed is 'connecting to H:P'.
${ENDPOINT_ROLE_TEXT}

Options:
  --host H           peer to connect to (required)
  --port P           peer port (required)
  --role R           equipment or host (default equipment)
${TIMER_OPTIONS_TEXT}

Example: hsms connect --host 127.0.0.1 --port 5000 --role host
`;

export const SEND_HELP = `Usage: hsms send --host H --port P [options] 'SML'

Connects to H:P, selects, establishes GEM communication (S1F13/S1F14; --raw skips it, for peers
without GEM), sends one message written in SML, prints the reply in SML on stdout (nothing for a
message without W), separates and exits. Failures are one line on stderr and an exit code below.

Options:
  --host H           peer to connect to (required)
  --port P           peer port (required)
  --device-id N      HSMS session id 0..32767, decimal or 0x hex (default 0)
  --t3 S             reply timeout (default 45)
  --t6 S             control transaction timeout (default 5)
  --t8 S             longest gap between the bytes of one message (default 5)
  --timeout S        time allowed to connect, select and establish communication (default 10)
  --raw              send right after SELECT, without S1F13/S1F14
  --verbose          trace every message in SML on stderr (capped as the library's trace options say)
  --max-values N     print at most N values per item of the reply (default 1000)
  --max-chars N      print at most N characters of the reply (default 1000000)
  --full             print the reply whole, however large
  -h, --help         show this help
Times are in seconds; fractions are allowed. A capped reply says '... N more' where it left values
out, and a line on stderr says so.

Examples:
  hsms send --host 127.0.0.1 --port 5000 'S1F1 W .'
  hsms send --host 127.0.0.1 --port 5000 'S1F3 W <L <U4 1> <U4 2>> .'
  hsms send --host 127.0.0.1 --port 5000 'S2F41 W <L <A "START"> <L <L <A "LOT"> <A "LOT-1">>>> .'

${EXIT_CODE_HELP}`;
