// Placeholder: replaced by the screen itself.
export default function Account() {
  return <div class="card narrow">Account</div>;
}
