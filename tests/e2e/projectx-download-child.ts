/**
 * Child process for the e2e "killed midway" test: runs `pxt download` (the command object, as main.ts
 * would) with the JSON args given in argv[2]. Not a test file itself.
 */
import { downloadCommand, type DownloadArgs } from '../../framework/cli/download-command.ts';

const args = JSON.parse(process.argv[2]) as DownloadArgs;
const code = await downloadCommand.run(args);
process.exit(code ?? 0);
