import { ShareNotice } from "./share-notice";

/** A share URL whose token is not one of ours (edited, cut off, or signed elsewhere): 404. */
export default function ShareNotFound() {
  return (
    <ShareNotice title="This link is not valid" reason="invalid">
      <p>
        The address may have been cut off or changed when it was copied. Check that you have the
        whole link, or ask the person who shared it to send it again.
      </p>
    </ShareNotice>
  );
}
