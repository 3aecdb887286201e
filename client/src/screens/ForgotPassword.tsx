// Placeholder: replaced by the screen itself.
export default function ForgotPassword() {
  return <div class="card narrow">ForgotPassword</div>;
}
