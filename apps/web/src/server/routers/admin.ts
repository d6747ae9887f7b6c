import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  addTaskInstance,
  AdminInputError,
  createTaskInput,
  deleteSubmission,
  familiesForForm,
  grantRole,
  grantRoleInput,
  hideSubmission,
  rerunSubmission,
  reviewTask,
  reviewTaskInput,
  runnerHealth,
  submissionsForAdmin,
  taskBuildDetail,
  taskInstancesForAdmin,
  usersForAdmin,
} from "../services/admin";
import { adminProcedure } from "../trpc";

const id = z.object({ id: z.string().min(1) });

/** Turns a service's input refusal into a BAD_REQUEST for the client. */
async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AdminInputError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    }
    throw error;
  }
}

export const adminRouter = {
  families: adminProcedure.query(({ ctx }) => familiesForForm(ctx.db)),
  tasks: adminProcedure.query(({ ctx }) => taskInstancesForAdmin(ctx.db)),
  task: adminProcedure.input(id).query(({ ctx, input }) => taskBuildDetail(ctx.db, input.id)),
  createTask: adminProcedure
    .input(createTaskInput)
    .mutation(({ ctx, input }) => guard(addTaskInstance(ctx.db, ctx.user.id, input))),
  reviewTask: adminProcedure
    .input(reviewTaskInput)
    .mutation(({ ctx, input }) => guard(reviewTask(ctx.db, ctx.user, input))),
  submissions: adminProcedure.query(({ ctx }) => submissionsForAdmin(ctx.db)),
  hideSubmission: adminProcedure
    .input(z.object({ id: z.string().uuid(), hidden: z.boolean() }))
    .mutation(({ ctx, input }) => hideSubmission(ctx.db, input.id, input.hidden)),
  deleteSubmission: adminProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => deleteSubmission(ctx.db, input.id)),
  rerunSubmission: adminProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => rerunSubmission(ctx.db, input.id)),
  users: adminProcedure.query(({ ctx }) => usersForAdmin(ctx.db)),
  grantRole: adminProcedure
    .input(grantRoleInput)
    .mutation(({ ctx, input }) => guard(grantRole(ctx.db, input))),
  runnerHealth: adminProcedure.query(({ ctx }) => runnerHealth(ctx.db)),
} satisfies TRPCRouterRecord;
