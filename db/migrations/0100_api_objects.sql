-- API objects (etcd's role). One row per live object, one log row per change.
--
-- kube_revision.revision is the cluster-wide resourceVersion. Every write takes the row lock
-- on it, so writers commit in revision order: a reader that sees revision N has seen every
-- revision below N. That is what lets a watch resume from any resourceVersion without gaps.
-- kube_revision.compacted is the highest revision pruned from kube_log: a watch from below
-- it must relist (410 Expired).

CREATE TABLE IF NOT EXISTS kube_revision (
    id        smallint PRIMARY KEY CHECK (id = 1),
    revision  bigint   NOT NULL,
    compacted bigint   NOT NULL
);
INSERT INTO kube_revision (id, revision, compacted) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS kube_objects (
    resource  text   NOT NULL,  -- plural, group-qualified outside the core group (pods, deployments.apps)
    namespace text   NOT NULL,  -- '' for cluster-scoped kinds
    name      text   NOT NULL,
    uid       uuid   NOT NULL,
    revision  bigint NOT NULL,  -- metadata.resourceVersion
    labels    jsonb  NOT NULL,  -- metadata.labels, for label selectors
    fields    jsonb  NOT NULL,  -- selectable field path -> value, for field selectors
    body      jsonb  NOT NULL,  -- the whole object, resourceVersion included
    PRIMARY KEY (resource, namespace, name)
);
CREATE INDEX IF NOT EXISTS kube_objects_labels ON kube_objects USING gin (labels jsonb_path_ops);
CREATE INDEX IF NOT EXISTS kube_objects_fields ON kube_objects USING gin (fields jsonb_path_ops);
CREATE INDEX IF NOT EXISTS kube_objects_namespace ON kube_objects (namespace);

CREATE TABLE IF NOT EXISTS kube_log (
    revision    bigint PRIMARY KEY,
    resource    text   NOT NULL,
    namespace   text   NOT NULL,
    name        text   NOT NULL,
    event       "char" NOT NULL,  -- 'A' added, 'M' modified, 'D' deleted
    labels      jsonb  NOT NULL,
    fields      jsonb  NOT NULL,
    prev_labels jsonb,            -- for 'M': what selectors matched before, so a watch can turn it into ADDED/DELETED
    prev_fields jsonb,
    body        jsonb  NOT NULL
);
CREATE INDEX IF NOT EXISTS kube_log_resource ON kube_log (resource, revision);

-- Create (p_expected = 0) or update (p_expected = current revision) one object.
-- Raises OC409 when the object exists on create or has another revision on update,
-- and OC404 when an update finds no object; the statement then changes nothing.
CREATE OR REPLACE FUNCTION kube_put(
    p_resource text, p_namespace text, p_name text, p_uid uuid, p_expected bigint,
    p_labels jsonb, p_fields jsonb, p_body jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_rev  bigint;
    v_cur  kube_objects%ROWTYPE;
    v_body jsonb;
BEGIN
    UPDATE kube_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision INTO v_rev;
    SELECT * INTO v_cur FROM kube_objects
     WHERE resource = p_resource AND namespace = p_namespace AND name = p_name FOR UPDATE;
    IF p_expected = 0 AND FOUND THEN
        RAISE EXCEPTION 'object exists at revision %', v_cur.revision USING ERRCODE = 'OC409';
    ELSIF p_expected <> 0 AND NOT FOUND THEN
        RAISE EXCEPTION 'object not found' USING ERRCODE = 'OC404';
    ELSIF p_expected <> 0 AND v_cur.revision <> p_expected THEN
        RAISE EXCEPTION 'object is at revision %, not %', v_cur.revision, p_expected USING ERRCODE = 'OC409';
    END IF;

    v_body := jsonb_set(p_body, '{metadata,resourceVersion}', to_jsonb(v_rev::text), true);
    IF p_expected = 0 THEN
        INSERT INTO kube_objects (resource, namespace, name, uid, revision, labels, fields, body)
        VALUES (p_resource, p_namespace, p_name, p_uid, v_rev, p_labels, p_fields, v_body);
        INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, body)
        VALUES (v_rev, p_resource, p_namespace, p_name, 'A', p_labels, p_fields, v_body);
    ELSE
        UPDATE kube_objects SET revision = v_rev, labels = p_labels, fields = p_fields, body = v_body
         WHERE resource = p_resource AND namespace = p_namespace AND name = p_name;
        INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, prev_labels, prev_fields, body)
        VALUES (v_rev, p_resource, p_namespace, p_name, 'M', p_labels, p_fields, v_cur.labels, v_cur.fields, v_body);
    END IF;
    PERFORM pg_notify('kube_log', v_rev::text);
    RETURN v_rev;
END $$;

-- Remove one object at revision p_expected, logging p_body (its final state) as the DELETED event.
CREATE OR REPLACE FUNCTION kube_delete(
    p_resource text, p_namespace text, p_name text, p_expected bigint, p_body jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_rev  bigint;
    v_cur  kube_objects%ROWTYPE;
    v_body jsonb;
BEGIN
    UPDATE kube_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision INTO v_rev;
    SELECT * INTO v_cur FROM kube_objects
     WHERE resource = p_resource AND namespace = p_namespace AND name = p_name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'object not found' USING ERRCODE = 'OC404';
    ELSIF v_cur.revision <> p_expected THEN
        RAISE EXCEPTION 'object is at revision %, not %', v_cur.revision, p_expected USING ERRCODE = 'OC409';
    END IF;

    v_body := jsonb_set(COALESCE(p_body, v_cur.body), '{metadata,resourceVersion}', to_jsonb(v_rev::text), true);
    DELETE FROM kube_objects WHERE resource = p_resource AND namespace = p_namespace AND name = p_name;
    INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, body)
    VALUES (v_rev, p_resource, p_namespace, p_name, 'D', v_cur.labels, v_cur.fields, v_body);
    PERFORM pg_notify('kube_log', v_rev::text);
    RETURN v_rev;
END $$;

-- Raise the compaction mark to p_upto (never past the current revision) and return it.
-- The caller then deletes kube_log rows up to the mark in its own transaction, so writers
-- never wait behind a large delete. Revisions are contiguous (a failed write rolls its
-- increment back), so a reader notices pruned history as a gap and answers 410.
CREATE OR REPLACE FUNCTION kube_compact(p_upto bigint) RETURNS bigint
LANGUAGE sql AS $$
    UPDATE kube_revision SET compacted = GREATEST(compacted, LEAST(p_upto, revision))
     WHERE id = 1 RETURNING compacted;
$$;
