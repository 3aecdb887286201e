// Placeholder: replaced by the screen itself.
export default function ResetPassword() {
  return <div class="card narrow">ResetPassword</div>;
}
