import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { action, loader } from "#app/routes/meetings.$id.key-messages.tsx";
import {
  context,
  cookieFor,
  demoEmail,
  get,
  outcome,
  post,
  settle,
} from "#tests/helpers.ts";

async function meetingId(): Promise<string> {
  return (
    await getDb().selectFrom("meeting").select("id").executeTakeFirstOrThrow()
  ).id;
}

function act(cookie: string, id: string, fields: Record<string, string>) {
  return settle(() =>
    action({
      request: post(`/meetings/${id}/key-messages`, fields, { cookie }),
      context,
      params: { id },
    })
  ).then(outcome);
}

async function messages(cookie: string, id: string) {
  const result = outcome(
    await settle(() =>
      loader({
        request: get(`/meetings/${id}/key-messages`, { cookie }),
        context,
        params: { id },
      })
    )
  );
  expect(result.status).toBe(200);
  return (result.data as Awaited<ReturnType<typeof loader>>).messages;
}

describe("the key messages page", () => {
  it("lets a rapporteur write, agree, edit back to draft and reorder messages", async () => {
    const id = await meetingId();
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    const title = `Financing ${newId().slice(0, 6)}`;
    const created = await act(rapporteur, id, {
      intent: "create",
      title,
      body: "Pooled funds help.\n\n- one\n- two",
      language: "fr",
    });
    expect(created.data).toMatchObject({
      done: "keyMessages.done.created",
      error: null,
    });
    const mine = () =>
      messages(rapporteur, id).then((all) =>
        all.filter(
          (message) =>
            message.title === title || message.title === `${title} (2)`
        )
      );
    const [message] = await mine();
    expect(message).toMatchObject({
      status: "draft",
      language: "fr",
      blocks: [
        { kind: "paragraph", text: "Pooled funds help." },
        { kind: "list", items: ["one", "two"] },
      ],
    });
    if (!message) throw new Error("not listed");

    expect(
      (await act(rapporteur, id, { intent: "agree", messageId: message.id }))
        .data
    ).toMatchObject({ done: "keyMessages.done.agreed" });
    expect((await mine())[0]).toMatchObject({
      status: "agreed",
      agreedBy: expect.any(String),
    });
    expect(
      await act(rapporteur, id, { intent: "delete", messageId: message.id })
    ).toMatchObject({
      status: 409,
      data: { error: "keyMessages.error.agreed" },
    });

    expect(
      (
        await act(rapporteur, id, {
          intent: "edit",
          messageId: message.id,
          title: `${title} (2)`,
          body: "Pooled funds help.",
          language: "fr",
        })
      ).data
    ).toMatchObject({ done: "keyMessages.done.edited" });
    expect((await mine())[0]).toMatchObject({
      status: "draft",
      title: `${title} (2)`,
    });
    expect(
      (await act(rapporteur, id, { intent: "delete", messageId: message.id }))
        .data
    ).toMatchObject({ done: "keyMessages.done.deleted" });
    expect(await mine()).toEqual([]);
  });

  it("refuses bad input with the field's message and changes nothing", async () => {
    const id = await meetingId();
    const admin = await cookieFor(demoEmail("admin"));
    const before = await messages(admin, id);
    const refused = await act(admin, id, {
      intent: "create",
      title: "",
      body: "Text\u202e",
      language: "de",
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      form: "new",
      reply: {
        error: {
          title: ["form.required"],
          body: ["form.invalidCharacters"],
          language: ["form.invalidChoice"],
        },
      },
    });
    expect(
      await act(admin, id, { intent: "agree", messageId: "not-an-id" })
    ).toMatchObject({
      status: 400,
      data: { error: "keyMessages.error.invalid" },
    });
    expect(
      await act(admin, id, { intent: "agree", messageId: newId() })
    ).toMatchObject({
      status: 404,
      data: { error: "keyMessages.error.notFound" },
    });
    expect(
      await act(admin, id, { intent: "explode", messageId: newId() })
    ).toMatchObject({ status: 400 });
    expect(await messages(admin, id)).toEqual(before);
  });

  it("is the rapporteurs' and the secretariat's only: focal points and partners are refused, an unknown meeting is not found", async () => {
    const id = await meetingId();
    for (const role of ["focal_point", "partner"] as const) {
      const cookie = await cookieFor(demoEmail(role));
      expect(
        outcome(
          await settle(() =>
            loader({
              request: get(`/meetings/${id}/key-messages`, { cookie }),
              context,
              params: { id },
            })
          )
        ).status
      ).toBe(403);
      expect(
        (
          await act(cookie, id, {
            intent: "create",
            title: "T",
            body: "B",
            language: "en",
          })
        ).status
      ).toBe(403);
    }
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    expect(
      outcome(
        await settle(() =>
          loader({
            request: get(`/meetings/${newId()}/key-messages`, {
              cookie: rapporteur,
            }),
            context,
            params: { id: newId() },
          })
        )
      ).status
    ).toBe(404);
  });
});
