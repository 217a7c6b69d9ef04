-- Account lifecycle and login throttling (issue #17): session idle timeout and listing, trusted devices,
-- attempt outcomes (pending reservations make the throttle atomic; throttled attempts never count).
ALTER TABLE "User" ADD COLUMN "disabledAt" TIMESTAMP(3);

ALTER TABLE "Session" ADD COLUMN "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Session" ADD COLUMN "ip" TEXT;

CREATE TABLE "TrustedDevice" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrustedDevice_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TrustedDevice_userId_idx" ON "TrustedDevice"("userId");
ALTER TABLE "TrustedDevice" ADD CONSTRAINT "TrustedDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "LoginAttempt" ADD COLUMN "outcome" TEXT NOT NULL DEFAULT 'failure';
ALTER TABLE "LoginAttempt" ADD COLUMN "trustedDevice" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "LoginAttempt" ADD COLUMN "userAgent" TEXT;
ALTER TABLE "LoginAttempt" ADD COLUMN "client" TEXT NOT NULL DEFAULT '';
UPDATE "LoginAttempt" SET "client" = "ip";
CREATE INDEX "LoginAttempt_email_client_createdAt_idx" ON "LoginAttempt"("email", "client", "createdAt");
UPDATE "LoginAttempt" SET "outcome" = CASE WHEN "success" THEN 'success' ELSE 'failure' END;
