import 'reflect-metadata';
import {
  type CanActivate,
  Controller,
  Injectable,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { EMPTY, map, type Observable, of, timer } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  HSMS_TRANSPORT,
  type HsmsConnectionEvent,
  HsmsContext,
  HsmsEventHandler,
  HsmsEventPattern,
  HsmsModule,
  HsmsS9Exception,
  L,
  SecsAbortReplyError,
  type SecsHandler,
  type SecsItem,
  SecsMessage,
  SecsStream9Error,
  U4,
} from '../../libs/hsms/src/index.js';
import { Cleanup, CALM_TIMERS } from '../support/hsms-test-kit.js';
import { connectTool, startHsmsApp, type HsmsTestApp } from '../support/nest-test-kit.js';

const seen: Array<{ pattern: string; peer: string; body?: SecsItem }> = [];

@Injectable()
class TagReplyInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Proves interceptors run around HSMS handlers: wrap the reply in a list with a tag.
    return next.handle().pipe(map((reply) => L(A('intercepted'), reply as SecsItem)));
  }
}

@Injectable()
class DenyGuard implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Controller()
class ToolController {
  @UseGuards(DenyGuard)
  @MessagePattern('S2F15', HSMS_TRANSPORT)
  guarded(): SecsItem {
    seen.push({ pattern: 'S2F15', peer: 'guard let it through' });
    return A('never');
  }

  @MessagePattern('S1F11', HSMS_TRANSPORT)
  severalValues(): Observable<SecsItem> {
    // the first value is the reply; the later ones are dropped
    return of(A('first'), A('second'));
  }

  @MessagePattern('S1F21', HSMS_TRANSPORT)
  laterValue(): Observable<SecsItem> {
    return timer(5).pipe(map(() => A('later')));
  }

  @MessagePattern('S1F23', HSMS_TRANSPORT)
  nothing(): Observable<SecsItem> {
    return EMPTY;
  }

  @MessagePattern('S1F1', HSMS_TRANSPORT)
  areYouThere(@Payload() body: SecsItem | undefined, @Ctx() ctx: HsmsContext): SecsItem {
    seen.push({ pattern: 'S1F1', peer: ctx.getPeer(), ...(body ? { body } : {}) });
    return L(A('NESTTOOL'), A(`sys=${ctx.getSystemBytes()}`));
  }

  @MessagePattern('S1F3', HSMS_TRANSPORT)
  async statusVariables(@Payload() body: SecsItem): Promise<SecsItem> {
    await new Promise((r) => setImmediate(r));
    const ids = body.type === 'L' ? body.items.map((i) => (i.type === 'U4' ? (i.value ?? 0) : 0)) : [];
    return L(...ids.map((id) => U4(id * 10)));
  }

  @MessagePattern({ peer: 'tool', sf: 'S1F3' }, HSMS_TRANSPORT)
  statusVariablesOfTool(): SecsItem {
    return L(A('peer-specific'));
  }

  @MessagePattern('S2F41', HSMS_TRANSPORT)
  remoteCommand(): SecsItem {
    throw new Error('the tool is on fire');
  }

  @MessagePattern('S2F13', HSMS_TRANSPORT)
  illegal(): SecsItem {
    throw new HsmsS9Exception(7, 'S2F13 body is not what we expect');
  }

  @UseInterceptors(TagReplyInterceptor)
  @MessagePattern('S1F17', HSMS_TRANSPORT)
  online(): SecsItem {
    return A('ok');
  }

  @HsmsEventHandler('S5F1') // EventPattern with a typed @Ctx() parameter
  alarm(@Payload() body: SecsItem, @Ctx() ctx: HsmsContext): void {
    seen.push({ pattern: 'S5F1', peer: ctx.getPeer(), body });
  }

  @EventPattern(HsmsEventPattern.ConnectionEstablished, HSMS_TRANSPORT)
  established(@Payload() e: HsmsConnectionEvent): void {
    seen.push({ pattern: e.event, peer: e.peer });
  }

  @EventPattern(HsmsEventPattern.Selected, HSMS_TRANSPORT)
  selected(@Payload() e: HsmsConnectionEvent): void {
    seen.push({ pattern: e.event, peer: e.peer });
  }

  @EventPattern(HsmsEventPattern.ConnectionBeforeClosed, HSMS_TRANSPORT)
  beforeClosed(@Payload() e: HsmsConnectionEvent): void {
    seen.push({ pattern: e.event, peer: e.peer });
  }

  @EventPattern(HsmsEventPattern.ConnectionClosed, HSMS_TRANSPORT)
  closed(@Payload() e: HsmsConnectionEvent): void {
    seen.push({ pattern: e.event, peer: e.peer });
  }
}

describe('HsmsServer, the HSMS custom transport', () => {
  const cleanup = new Cleanup();
  let testApp: HsmsTestApp;
  let tool: SecsHandler;

  async function start(role: 'host' | 'equipment' = 'host'): Promise<void> {
    seen.length = 0;
    testApp = await startHsmsApp({
      imports: [HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'tool', address: '127.0.0.1', port: 0, active: false, role }] })],
      controllers: [ToolController],
      providers: [TagReplyInterceptor, DenyGuard],
    });
    cleanup.add(testApp.app, (app) => app.close());
    const port = testApp.manager.listeningPort(0)!;
    tool = cleanup.add(await connectTool(port, role === 'host' ? 'equipment' : 'host'), (t) => t.disable());
  }

  afterEach(() => cleanup.run());

  it('routes a W-bit primary to its @MessagePattern handler and replies with the primary system bytes', async () => {
    await start();
    const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(reply.sf).toBe('S1F2');
    expect(reply.body?.equals(L(A('NESTTOOL'), A(`sys=${reply.header!.system}`)))).toBe(true);
    expect(seen).toContainEqual({ pattern: 'S1F1', peer: 'tool' });
  });

  it('tries a peer-specific { peer, sf } pattern before the general one', async () => {
    await start();
    const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 3, true, L(U4(1), U4(2))));
    expect(reply.body?.equals(L(A('peer-specific')))).toBe(true);
  });

  it('runs an @EventPattern handler for a message without W-bit', async () => {
    await start();
    tool.sendStreamFunction(new SecsMessage(5, 1, false, L(U4(7))));
    await expect.poll(() => seen.find((s) => s.pattern === 'S5F1')).toBeDefined();
    const event = seen.find((s) => s.pattern === 'S5F1')!;
    expect(event.peer).toBe('tool');
    expect(event.body?.equals(L(U4(7)))).toBe(true);
  });

  it('answers SxF0 when a handler throws, and the link lives on', async () => {
    await start();
    await expect(tool.sendAndWaitForResponse(new SecsMessage(2, 41, true, L(A('START'), L())))).rejects.toBeInstanceOf(SecsAbortReplyError);
    const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(reply.sf).toBe('S1F2');
  });

  it('answers the S9 message an HsmsS9Exception names, on the equipment side', async () => {
    await start('equipment');
    // The S9F7 names our request, so it fails the request at once (before the S2F0 that follows).
    const error = await tool.sendAndWaitForResponse(new SecsMessage(2, 13, true, L())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecsStream9Error);
    expect((error as SecsStream9Error).fn).toBe(7);
  });

  it('answers S9F5 and S6F0 for a message no handler takes, on the equipment side', async () => {
    await start('equipment');
    const error = await tool.sendAndWaitForResponse(new SecsMessage(6, 15, true, U4(1))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecsStream9Error);
    expect((error as SecsStream9Error).fn).toBe(5);
  });

  it('runs interceptors around HSMS handlers', async () => {
    await start();
    const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 17, true));
    expect(reply.body?.equals(L(A('intercepted'), A('ok')))).toBe(true);
  });

  it('runs guards: a denied request is answered SxF0 and the handler never runs', async () => {
    await start();
    await expect(tool.sendAndWaitForResponse(new SecsMessage(2, 15, true, L()))).rejects.toBeInstanceOf(SecsAbortReplyError);
    expect(seen.map((s) => s.pattern)).not.toContain('S2F15');
  });

  it('answers with the first value of an Observable, a later value too, and header-only when it completes empty', async () => {
    await start();
    const first = await tool.sendAndWaitForResponse(new SecsMessage(1, 11, true, L()));
    expect(first.body?.equals(A('first'))).toBe(true);
    const later = await tool.sendAndWaitForResponse(new SecsMessage(1, 21, true, L()));
    expect(later.body?.equals(A('later'))).toBe(true);
    const empty = await tool.sendAndWaitForResponse(new SecsMessage(1, 23, true, L()));
    expect([empty.sf, empty.body]).toEqual(['S1F24', undefined]);
  });

  it('calls the processing start and end hooks once per request, around the handler', async () => {
    await start();
    const calls: string[] = [];
    testApp.server.setOnProcessingStartHook((_transport, _context, done) => {
      calls.push('start');
      return done();
    });
    testApp.server.setOnProcessingEndHook(() => calls.push('end'));
    await tool.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    await tool.sendAndWaitForResponse(new SecsMessage(1, 21, true, L()));
    await expect(tool.sendAndWaitForResponse(new SecsMessage(2, 41, true, L(A('START'), L())))).rejects.toBeInstanceOf(SecsAbortReplyError);
    await expect.poll(() => calls.length).toBe(6);
    expect(calls).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
  });

  it('dispatches lifecycle events in order', async () => {
    await start();
    await expect.poll(() => seen.map((s) => s.pattern)).toContain(HsmsEventPattern.Selected);
    await tool.disable();
    await expect.poll(() => seen.map((s) => s.pattern)).toContain(HsmsEventPattern.ConnectionClosed);
    const lifecycle = seen.filter((s) => s.pattern.startsWith('hsms.')).map((s) => s.pattern);
    expect(lifecycle).toEqual([
      HsmsEventPattern.ConnectionEstablished,
      HsmsEventPattern.Selected,
      HsmsEventPattern.ConnectionBeforeClosed,
      HsmsEventPattern.ConnectionClosed,
    ]);
    expect(seen.filter((s) => s.pattern.startsWith('hsms.')).every((s) => s.peer === 'tool')).toBe(true);
  });
});
