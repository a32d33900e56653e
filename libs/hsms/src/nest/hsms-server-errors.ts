import { HsmsError } from '../protocol/hsms-error.js';

/** What to write instead of a bare `new HsmsServer()` that finds no HsmsModule to take the manager from. */
const FIX =
  'let Nest build the strategy from HsmsModule: NestFactory.createMicroservice(AppModule, { inject: [HsmsServer], useFactory: (strategy: HsmsServer) => ({ strategy }) }), ' +
  'with HsmsModule.forRoot({ peers: [...] }) imported in AppModule';

/** HsmsServer has no connection manager to route: listen() fails with what to write instead. */
export class HsmsServerSetupError extends HsmsError {
  static override readonly code: string = 'HSMS_SERVER_SETUP';
  constructor(modules: number) {
    super(
      modules === 0
        ? `new HsmsServer() found no HsmsModule in this application, so it would route nothing: ${FIX}`
        : `new HsmsServer() found ${modules} HsmsModule instances in this process and cannot tell which one to route: ${FIX}`,
    );
  }
}
