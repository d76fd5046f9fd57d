-- DX Monitor schema, part 12: demo users (docs/web.md, "Demo accounts"). `dxmon serve --demo` on a loopback
-- address creates, at each start, one user per role over the demo workspace, with fixed passwords shown on the
-- sign-in page; they are marked here so that they are never confused with real users, and disabled at every
-- start that is not a demo on a loopback address.

ALTER TABLE app_user ADD COLUMN demo boolean NOT NULL DEFAULT false;
